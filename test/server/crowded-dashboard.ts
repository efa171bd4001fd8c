import type { Catalog } from './catalog';
import type { Dashboard, Widget } from './resources';

const kinds: Widget['kind'][] = ['line', 'bar', 'stat'];

/** A dashboard in the first project with `widgets` widgets over its metrics in turn: more than a tab draws. */
export function addCrowdedDashboard(catalog: Catalog, widgets: number): Dashboard {
  const metrics = catalog.metrics(0);
  if (metrics.length === 0) throw new RangeError('a crowded dashboard needs a project with metrics');
  return catalog.createDashboard(0, {
    name: 'Crowded board',
    description: `${widgets} widgets.`,
    widgets: Array.from({ length: widgets }, (_, i) => ({
      title: `Widget ${i + 1}`,
      metric: metrics[i % metrics.length]!.name,
      kind: kinds[i % kinds.length]!,
    })),
  });
}
