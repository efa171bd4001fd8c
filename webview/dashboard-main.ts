import type { HostMessage, PanelTarget, WebviewMessage, WebviewStrings } from '../src/core/dashboards/protocol';
import { timeRanges, type TimeRange } from '../src/core/dashboards/time-range';
import { element, isolated } from './dom';
import { Formatter } from './format';
import { readChartColours, watchTheme } from './theme';
import { WidgetFigure } from './widget-view';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: PanelTarget): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type ShowMessage = Extract<HostMessage, { type: 'show' }>;

/** The page: draws what the host posts, and posts back only what the user asked for. */
class DashboardPage {
  private readonly figures = new Map<string, WidgetFigure>();
  private readonly root = element('div', { className: 'dashboard' });
  private colours = readChartColours();
  private strings: WebviewStrings | undefined;

  constructor(private readonly vscode: VsCodeApi) {
    document.body.append(this.root);
    window.addEventListener('message', (event: MessageEvent<HostMessage>) => this.receive(event.data));
    watchTheme(() => {
      this.colours = readChartColours();
      for (const figure of this.figures.values()) figure.redraw(this.colours);
    });
    this.vscode.postMessage({ type: 'ready' });
  }

  private receive(message: HostMessage): void {
    switch (message.type) {
      case 'show':
        this.show(message);
        return;
      case 'loading':
        this.figures.get(message.widgetId)?.showLoading();
        return;
      case 'data':
        this.figures.get(message.widgetId)?.show(message, this.colours);
        return;
      case 'failed':
        this.figures.get(message.widgetId)?.showFailure(message.message);
        return;
      case 'needsGrant':
        this.showNotice(message.message, this.strings?.grantAccess, { type: 'grant' });
        return;
      case 'notice':
        this.showNotice(message.message, message.retry ? this.strings?.retry : undefined, { type: 'refresh' });
        return;
    }
  }

  private show(message: ShowMessage): void {
    this.vscode.setState(message.target);
    document.documentElement.lang = message.locale;
    for (const figure of this.figures.values()) figure.dispose();
    this.figures.clear();
    const format = new Formatter(message.locale);
    const header = element(
      'header',
      {},
      element('h1', {}, isolated(message.target.title)),
      this.toolbar(message.strings, message.range),
    );
    const grid = element('div', { className: 'widgets' });
    message.widgets.forEach((widget, position) => {
      const figure = new WidgetFigure(widget, position, message.strings, format, () =>
        this.vscode.postMessage({ type: 'retry', widgetId: widget.id }),
      );
      this.figures.set(widget.id, figure);
      grid.append(figure.root);
    });
    this.root.replaceChildren(header, element('div', { className: 'notice', attributes: { role: 'alert' } }), grid);
    if (message.widgetsNotShown !== undefined) this.root.append(element('p', { className: 'widgets-not-shown', text: message.widgetsNotShown }));
    this.strings = message.strings;
  }

  /** A sentence for the whole tab instead of its widgets, with one action button when there is one. */
  private showNotice(text: string, action: string | undefined, reply: WebviewMessage): void {
    const slot = this.root.querySelector('.notice');
    if (!slot) return;
    slot.replaceChildren(element('p', { text }));
    if (action) {
      const button = element('button', { className: 'notice-action', text: action, attributes: { type: 'button' } });
      button.addEventListener('click', () => this.vscode.postMessage(reply));
      slot.append(button);
    }
    for (const figure of this.figures.values()) figure.root.hidden = true;
  }

  private toolbar(strings: WebviewStrings, range: TimeRange): HTMLElement {
    const select = element('select', { attributes: { id: 'range' } });
    for (const id of timeRanges) select.append(element('option', { text: strings.ranges[id], attributes: { value: id } }));
    select.value = range;
    select.addEventListener('change', () => {
      const value = timeRanges.find((id) => id === select.value);
      if (value) this.vscode.postMessage({ type: 'range', range: value });
    });
    const refresh = element('button', { className: 'refresh', text: strings.refresh, attributes: { type: 'button' } });
    refresh.addEventListener('click', () => this.vscode.postMessage({ type: 'refresh' }));
    return element(
      'div',
      { className: 'toolbar', attributes: { role: 'toolbar' } },
      element('label', { text: strings.rangeLabel, attributes: { for: 'range' } }),
      select,
      refresh,
    );
  }
}

new DashboardPage(acquireVsCodeApi());
