import type { HostMessage, WebviewStrings, WidgetView } from '../src/core/dashboards/protocol';
import { Chart } from './chart';
import { element, isolated } from './dom';
import type { Formatter } from './format';
import type { ChartColours } from './theme';

type WidgetData = Extract<HostMessage, { type: 'data' }>;

/**
 * One widget as a `<figure>`: its title as the caption, the chart (or the stat), a hover
 * and keyboard readout, and the same points as a table for screen readers.
 */
export class WidgetFigure {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly readout: HTMLElement;
  private readonly status: HTMLElement;
  private readonly retry: HTMLButtonElement;
  private readonly tableBody: HTMLTableSectionElement;
  private chart: Chart | undefined;
  private data: WidgetData | undefined;
  private cursor = -1;

  constructor(
    readonly widget: WidgetView,
    private readonly position: number,
    private readonly strings: WebviewStrings,
    private readonly format: Formatter,
    onRetry: () => void,
  ) {
    const kind = widget.kind === 'bar' || widget.kind === 'stat' ? widget.kind : 'line';
    this.body = element('div', { className: 'widget-body' });
    this.readout = element('p', { className: 'readout', attributes: { 'aria-live': 'polite' } });
    this.status = element('p', { className: 'status', attributes: { role: 'status' } });
    this.retry = element('button', { className: 'retry', text: strings.retry, attributes: { type: 'button' } });
    this.retry.hidden = true;
    this.retry.addEventListener('click', onRetry);
    this.tableBody = element('tbody');
    const caption = element('caption', { className: 'visually-hidden' }, isolated(widget.title));
    const table = element(
      'table',
      {},
      caption,
      element('thead', {}, element('tr', {}, element('th', { text: strings.time, attributes: { scope: 'col' } }), element('th', { text: strings.value, attributes: { scope: 'col' } }))),
      this.tableBody,
    );
    const details = element('details', { className: 'data-table' }, element('summary', { text: strings.showTable }), table);
    this.root = element(
      'figure',
      { className: `widget widget-${kind}`, attributes: { 'data-widget-id': widget.id, 'data-kind': kind, 'data-state': 'loading' } },
      element('figcaption', {}, isolated(widget.title, 'widget-title'), element('span', { className: 'widget-metric' }, isolated(widget.metric))),
      this.body,
      this.readout,
      this.status,
      this.retry,
      details,
    );
    this.showLoading();
  }

  showLoading(): void {
    this.setState('loading');
    this.status.textContent = this.strings.loading;
    this.retry.hidden = true;
  }

  showFailure(message: string): void {
    this.setState('failed');
    this.data = undefined;
    this.disposeChart();
    this.body.replaceChildren();
    this.readout.textContent = '';
    this.tableBody.replaceChildren();
    this.status.textContent = message;
    this.retry.hidden = false;
  }

  show(data: WidgetData, colours: ChartColours): void {
    this.data = data;
    this.cursor = -1;
    const { dataset } = this.root;
    dataset['from'] = String(data.window.fromSeconds);
    dataset['to'] = String(data.window.toSeconds);
    dataset['step'] = String(data.window.stepSeconds);
    this.retry.hidden = true;
    this.status.textContent = data.times.length === 0 ? this.strings.noData : '';
    this.readout.textContent = '';
    this.fillTable(data);
    if (this.widget.kind === 'stat') this.drawStat(data);
    else this.drawChart(data, colours);
    this.setState('ready');
  }

  /** The theme changed: canvases are drawn again in its colours. */
  redraw(colours: ChartColours): void {
    if (this.data && this.widget.kind !== 'stat') this.drawChart(this.data, colours);
  }

  dispose(): void {
    this.disposeChart();
  }

  private drawChart(data: WidgetData, colours: ChartColours): void {
    if (!this.chart) {
      const canvasHost = element('div', {
        className: 'chart',
        attributes: { tabindex: '0', role: 'img', 'aria-label': this.widget.title },
      });
      canvasHost.addEventListener('keydown', (event) => this.onKey(event));
      this.body.replaceChildren(canvasHost);
      this.chart = new Chart(canvasHost);
    }
    this.chart.draw(
      {
        kind: this.widget.kind === 'bar' ? 'bar' : 'line',
        times: data.times,
        values: data.values,
        colour: this.position,
        unit: data.unit,
        formatValue: (value) => this.format.value(value, ''),
        onPoint: (index) => this.showReadout(index),
      },
      colours,
    );
  }

  private drawStat(data: WidgetData): void {
    this.disposeChart();
    const stat = data.stat;
    const latest = stat?.latest;
    const value = element('span', { className: 'stat-value', text: latest ? this.format.value(latest.value, '') : '–' });
    if (latest) value.dataset['value'] = String(latest.value);
    const change = element('p', { className: 'stat-change' });
    if (stat?.changeRatio !== undefined) {
      change.textContent = `${stat.changeRatio > 0 ? '▲' : stat.changeRatio < 0 ? '▼' : '■'} ${this.format.change(stat.changeRatio)} ${this.strings.changeVsPrevious}`;
      change.dataset['direction'] = stat.changeRatio > 0 ? 'up' : stat.changeRatio < 0 ? 'down' : 'flat';
    } else {
      change.textContent = this.strings.noPrevious;
    }
    const time = element('p', { className: 'stat-time', text: latest ? this.format.time(latest.time) : '' });
    this.body.replaceChildren(element('p', { className: 'stat' }, value, ' ', isolated(data.unit, 'stat-unit')), change, time);
  }

  private fillTable(data: WidgetData): void {
    const rows = data.times.map((time, i) => {
      const value = data.values[i]!;
      const timeCell = element('td', {}, element('time', { text: this.format.time(time), attributes: { datetime: new Date(time * 1000).toISOString() } }));
      const valueCell = element('td', { text: this.format.value(value, data.unit), attributes: { 'data-value': String(value) } });
      return element('tr', {}, timeCell, valueCell);
    });
    this.tableBody.replaceChildren(...rows);
  }

  private showReadout(index: number | undefined): void {
    const data = this.data;
    if (!data || index === undefined || index < 0 || index >= data.times.length) {
      this.readout.textContent = '';
      return;
    }
    this.cursor = index;
    this.readout.textContent = `${this.format.time(data.times[index]!)}: ${this.format.value(data.values[index]!, data.unit)}`;
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.data?.times.length ?? 0;
    if (count === 0) return;
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, Home: -count, End: count };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const from = this.cursor < 0 ? (move > 0 ? -1 : count) : this.cursor;
    const index = Math.min(count - 1, Math.max(0, from + move));
    this.chart?.showPoint(index);
    this.showReadout(index);
  }

  private setState(state: 'loading' | 'ready' | 'failed'): void {
    this.root.dataset['state'] = state;
    this.root.setAttribute('aria-busy', String(state === 'loading'));
  }

  private disposeChart(): void {
    this.chart?.dispose();
    this.chart = undefined;
  }
}
