/** The resource shapes of the contract, as they go on the wire. */
export interface Project {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
  web_url: string;
}

export interface Widget {
  id: string;
  title: string;
  metric: string;
  kind: 'line' | 'bar' | 'stat';
}

export interface Dashboard {
  id: string;
  project_id: string;
  name: string;
  description: string;
  widgets: Widget[];
  updated_at: string;
  web_url: string;
}

export interface Metric {
  name: string;
  unit: string;
  description: string;
}

export interface Series {
  metric: string;
  unit: string;
  points: Array<[number, number]>;
}

export const webBase = 'https://app.lucaro.dev';

/** RFC 3339 without milliseconds. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
