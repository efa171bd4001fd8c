import * as vscode from 'vscode';
import type { WebviewStrings } from '../core/dashboards/protocol';

/** The webview's sentences, localised here: the page has no l10n of its own. */
export function webviewStrings(): WebviewStrings {
  return {
    ranges: {
      '1h': vscode.l10n.t('Last hour'),
      '24h': vscode.l10n.t('Last 24 hours'),
      '7d': vscode.l10n.t('Last 7 days'),
      '30d': vscode.l10n.t('Last 30 days'),
    },
    rangeLabel: vscode.l10n.t('Time range'),
    refresh: vscode.l10n.t('Refresh'),
    retry: vscode.l10n.t('Retry'),
    loading: vscode.l10n.t('Loading…'),
    noData: vscode.l10n.t('No data in this time range.'),
    time: vscode.l10n.t('Time'),
    value: vscode.l10n.t('Value'),
    showTable: vscode.l10n.t('Data table'),
    changeVsPrevious: vscode.l10n.t('vs. the previous period'),
    noPrevious: vscode.l10n.t('No previous period to compare with.'),
    grantAccess: vscode.l10n.t('Grant access to metrics'),
  };
}

/** The note under a tab that leaves widgets out (`maxWidgetsPerTab`); undefined when it leaves none out. */
export function widgetsNotShownNote(count: number): string | undefined {
  if (count <= 0) return undefined;
  return count === 1 ? vscode.l10n.t('1 more widget not shown.') : vscode.l10n.t('{0} more widgets not shown.', count);
}
