import type { MetricQuery, Series } from '../api/series';
import { summarizeStat, toChartData } from './chart-data';
import type { HostMessage, WidgetView } from './protocol';
import { durationSeconds, queryWindow, type QueryWindow, type TimeRange } from './time-range';
import { capWidgets } from './widget-cap';
import { runEach, widgetQueryConcurrency } from './widget-query-runner';

export interface WidgetLoad {
  readonly projectId: string;
  readonly widgets: readonly WidgetView[];
  readonly range: TimeRange;
  readonly nowMs: number;
  readonly query: (query: MetricQuery, signal: AbortSignal) => Promise<Series>;
  readonly post: (message: HostMessage) => void;
  /** The failure as the sentence the widget shows. */
  readonly describeFailure: (widget: WidgetView, error: unknown) => string;
  readonly signal: AbortSignal;
  readonly concurrency?: number;
}

/** The window a widget asks for: a stat reaches one period further back to compare with it. */
export function widgetWindow(widget: WidgetView, range: TimeRange, nowMs: number): QueryWindow {
  return queryWindow(range, nowMs, widget.kind === 'stat' ? 2 : 1);
}

/**
 * One query per widget a tab draws (`capWidgets`), each widget's answer (or failure) posted
 * as it arrives, held to its question first: what a server sends beyond it never reaches the page.
 */
export async function loadWidgets(load: WidgetLoad): Promise<void> {
  const widgets = capWidgets(load.widgets).shown;
  for (const widget of widgets) load.post({ type: 'loading', widgetId: widget.id });
  await runEach(
    widgets,
    (widget, signal) => {
      const window = widgetWindow(widget, load.range, load.nowMs);
      return load
        .query({ projectId: load.projectId, metric: widget.metric, ...window }, signal)
        .then((series) => ({ series, window }));
    },
    (widget, result) => {
      if (load.signal.aborted) return;
      if (!result.ok) {
        load.post({ type: 'failed', widgetId: widget.id, message: load.describeFailure(widget, result.error) });
        return;
      }
      const { series, window } = result.value;
      const data = toChartData(series.points, window);
      load.post({
        type: 'data',
        widgetId: widget.id,
        unit: series.unit ?? '',
        window,
        times: data.times,
        values: data.values,
        stat: widget.kind === 'stat' ? summarizeStat(data, durationSeconds(load.range)) : undefined,
      });
    },
    { limit: load.concurrency ?? widgetQueryConcurrency, signal: load.signal },
  );
}
