import type { Catalog } from './catalog';
import type { Dashboard, Metric, Project } from './resources';

const rtlOverride = '\u202e';
const popDirection = '\u202c';

/** Metric names and units a client must print as text: HTML, a `command:` link, a bidi override. */
export const hostileMetrics: readonly Metric[] = [
  { name: '<img src=x onerror=alert(1)>', unit: 'ms', description: 'Latency <b>bold</b>' },
  { name: '[run](command:lucaro.signOut)', unit: '%', description: 'A markdown command link' },
  { name: `rate_${rtlOverride}txt.exe${popDirection}`, unit: '<i>req/s</i>', description: 'A bidi override' },
];

/**
 * One project, after the seeded ones, whose every name holds markup, with a six-widget
 * dashboard (each metric as two kinds), so one tab meets every case at once.
 */
export function addHostileProject(catalog: Catalog): { project: Project; dashboard: Dashboard } {
  // `$(name)` is how the editor's labels, quick picks and status bar spell an icon.
  const project = catalog.createProject({ name: '<b>Markup</b> & "quotes" $(alert)', description: '<script>alert(1)</script> $(sync~spin)' });
  const index = catalog.projectIndexOf(project.id)!;
  for (const metric of hostileMetrics) catalog.createMetric(index, { ...metric });
  const [html, link, bidi] = hostileMetrics.map((metric) => metric.name) as [string, string, string];
  const dashboard = catalog.createDashboard(index, {
    name: `<script>alert(1)</script> ${rtlOverride}draob${popDirection} [open](command:workbench.action.quit) $(warning)`,
    description: '<img src=x onerror=alert(2)> $(error)',
    widgets: [
      { title: '<img src=x onerror=alert(3)> latency', metric: html, kind: 'line' },
      { title: '[click](command:lucaro.signOut) share', metric: link, kind: 'bar' },
      { title: `${rtlOverride}stat${popDirection} <u>rate</u>`, metric: bidi, kind: 'stat' },
      { title: '<svg onload=alert(4)> bars', metric: html, kind: 'bar' },
      { title: '<a href="command:lucaro.signOut">latest</a>', metric: link, kind: 'stat' },
      { title: '&lt;escaped&gt; &amp; line', metric: bidi, kind: 'line' },
    ],
  });
  return { project, dashboard };
}
