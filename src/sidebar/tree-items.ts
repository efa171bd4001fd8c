import * as vscode from 'vscode';
import { literalMarkdown } from '../core/encoding/editor-text';
import type { TimeFormat } from '../core/time-format';
import { describeForUser } from '../ui/error-messages';
import type { LucaroNode } from './tree-nodes';

const widgetIcons: Record<string, string> = { line: 'graph-line', bar: 'graph', stat: 'symbol-number' };

/** How a node looks: label, codicon, tooltip, the `contextValue` menus key on, and its click. */
export function toTreeItem(node: LucaroNode, viewId: string, times: TimeFormat): vscode.TreeItem {
  switch (node.kind) {
    case 'project': {
      const item = new vscode.TreeItem(node.project.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${viewId}/project/${node.project.id}`;
      item.iconPath = new vscode.ThemeIcon('project');
      item.contextValue = 'project';
      item.description = node.project.description || undefined;
      item.tooltip = tooltip(node.project.name, node.project.description ?? '', node.project.updated_at, node.project.id, times);
      return item;
    }
    case 'group': {
      const dashboards = node.group === 'dashboards';
      const item = new vscode.TreeItem(
        dashboards ? vscode.l10n.t('Dashboards') : vscode.l10n.t('Metrics'),
        vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = `${viewId}/project/${node.project.id}/${node.group}`;
      item.iconPath = new vscode.ThemeIcon(dashboards ? 'dashboard' : 'pulse');
      item.contextValue = `group.${node.group}`;
      return item;
    }
    case 'dashboard': {
      const item = new vscode.TreeItem(
        node.dashboard.name,
        node.dashboard.widgets.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `${viewId}/dashboard/${node.dashboard.id}`;
      item.iconPath = new vscode.ThemeIcon('dashboard');
      item.contextValue = 'dashboard';
      item.description = vscode.l10n.t('{0} widgets', node.dashboard.widgets.length);
      item.tooltip = tooltip(node.dashboard.name, node.dashboard.description ?? '', node.dashboard.updated_at, node.dashboard.id, times);
      item.command = { command: 'lucaro.openDashboard', title: vscode.l10n.t('Open Dashboard'), arguments: [node] };
      return item;
    }
    case 'widget': {
      const item = new vscode.TreeItem(node.widget.title, vscode.TreeItemCollapsibleState.None);
      item.id = `${viewId}/dashboard/${node.dashboardId}/widget/${node.widget.id}`;
      item.iconPath = new vscode.ThemeIcon(widgetIcons[node.widget.kind] ?? 'symbol-misc');
      item.description = `${node.widget.metric} · ${node.widget.kind}`;
      item.contextValue = 'widget';
      return item;
    }
    case 'metric': {
      const item = new vscode.TreeItem(node.metric.name, vscode.TreeItemCollapsibleState.None);
      item.id = `${viewId}/project/${node.projectId}/metric/${node.metric.name}`;
      item.iconPath = new vscode.ThemeIcon('pulse');
      item.description = node.metric.unit || undefined;
      item.tooltip = node.metric.description || undefined;
      item.contextValue = 'metric';
      item.command = { command: 'lucaro.openMetric', title: vscode.l10n.t('Open Metric'), arguments: [node] };
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem(
        node.error ? vscode.l10n.t('Could not load more. Retry…') : vscode.l10n.t('Load more…'),
        vscode.TreeItemCollapsibleState.None,
      );
      item.id = `${viewId}/${node.parentId}/loadMore`;
      item.iconPath = new vscode.ThemeIcon(node.error ? 'warning' : 'ellipsis');
      item.tooltip = node.error ? describeForUser(node.error) : undefined;
      item.contextValue = 'loadMore';
      item.command = { command: 'lucaro.loadMore', title: vscode.l10n.t('Load more'), arguments: [node] };
      return item;
    }
    case 'error':
    case 'outOfDate': {
      const outOfDate = node.kind === 'outOfDate';
      const item = new vscode.TreeItem(describeForUser(node.error), vscode.TreeItemCollapsibleState.None);
      item.id = `${viewId}/${node.parentId}/${node.kind}`;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.description = outOfDate ? vscode.l10n.t('Out of date: click to retry') : undefined;
      item.tooltip = outOfDate ? vscode.l10n.t('The list below is as it was last loaded. Click to retry.') : vscode.l10n.t('Click to retry.');
      // Both are failures with Retry inline: the menus key on `error`.
      item.contextValue = 'error';
      item.command = { command: 'lucaro.retry', title: vscode.l10n.t('Retry'), arguments: [node] };
      return item;
    }
    case 'grant': {
      const item = new vscode.TreeItem(grantLabel(node.scope), vscode.TreeItemCollapsibleState.None);
      item.id = `${viewId}/${node.parentId}/grant/${node.scope}`;
      item.iconPath = new vscode.ThemeIcon('unlock');
      item.tooltip = vscode.l10n.t('Your sign-in lacks {0}. Click to grant it; your other permissions stay.', node.scope);
      item.contextValue = 'grant';
      item.command = { command: 'lucaro.grantAccess', title: vscode.l10n.t('Grant access'), arguments: [node.scope] };
      return item;
    }
    case 'empty': {
      const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
      item.id = `${viewId}/${node.parentId}/empty`;
      item.contextValue = 'empty';
      return item;
    }
  }
}

function grantLabel(scope: string): string {
  switch (scope) {
    case 'read:projects':
      return vscode.l10n.t('Grant access to projects');
    case 'read:dashboards':
      return vscode.l10n.t('Grant access to dashboards');
    case 'read:metrics':
      return vscode.l10n.t('Grant access to metrics');
    default:
      return vscode.l10n.t('Grant {0}', scope);
  }
}

function tooltip(name: string, description: string, updatedAt: string, id: string, times: TimeFormat): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.appendMarkdown(`**${literalMarkdown(name)}**\n\n`);
  if (description) markdown.appendText(`${description}\n\n`);
  const updated = Date.parse(updatedAt);
  if (!Number.isNaN(updated)) {
    markdown.appendMarkdown(`$(history) ${literalMarkdown(vscode.l10n.t('Updated {0}', times.dateTime(updated)))}\n\n`);
  }
  markdown.appendMarkdown(`$(key) ${literalMarkdown(id)}`);
  return markdown;
}
