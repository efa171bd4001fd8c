import type { Metric } from './resources';

export const projectAdjectives = [
  'Aurora', 'Basalt', 'Cobalt', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor',
  'Indigo', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Orchid', 'Polaris',
];

export const projectNouns = [
  'Analytics', 'Billing', 'Checkout', 'Dashboard', 'Edge', 'Fleet', 'Gateway', 'Inventory',
  'Ledger', 'Mobile', 'Notifications', 'Onboarding', 'Payments', 'Search', 'Telemetry', 'Warehouse',
];

export const projectDescriptions = [
  'Production metrics for the customer-facing service.',
  'Staging environment, reset every night.',
  'Internal tooling and batch jobs.',
  'Experiments owned by the growth team.',
  'Edge caches and CDN health.',
  'Mobile apps: crash rates and sessions.',
  'Data pipeline throughput and lag.',
  '',
];

export const dashboardNames = [
  'Overview', 'Service Health', 'Release Tracking', 'Capacity', 'Customer Funnel', 'Errors', 'Latency', 'Business KPIs',
];

export const metricTemplates: readonly Metric[] = [
  { name: 'requests', unit: 'req/s', description: 'Requests served per second.' },
  { name: 'error_rate', unit: '%', description: 'Share of requests that failed.' },
  { name: 'latency_p95', unit: 'ms', description: '95th percentile response time.' },
  { name: 'cpu', unit: '%', description: 'CPU utilisation across instances.' },
  { name: 'memory', unit: 'MiB', description: 'Resident memory per instance.' },
  { name: 'signups', unit: 'count', description: 'New accounts per interval.' },
  { name: 'queue_depth', unit: 'count', description: 'Jobs waiting to run.' },
  { name: 'revenue', unit: 'EUR', description: 'Revenue per interval.' },
];
