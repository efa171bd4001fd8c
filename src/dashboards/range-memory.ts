import type * as vscode from 'vscode';
import type { PanelTarget } from '../core/dashboards/protocol';
import { defaultTimeRange, isTimeRange, type TimeRange } from '../core/dashboards/time-range';

const rangesKey = 'lucaro.dashboards.ranges';

export function targetKey(target: PanelTarget): string {
  return target.kind === 'dashboard' ? `dashboard:${target.dashboardId}` : `metric:${target.projectId}:${target.metric}`;
}

/** The time range chosen for each dashboard and metric, per workspace. */
export class RangeMemory {
  constructor(private readonly workspaceState: vscode.Memento) {}

  get(target: PanelTarget): TimeRange {
    const stored = this.all()[targetKey(target)];
    return isTimeRange(stored) ? stored : defaultTimeRange;
  }

  async set(target: PanelTarget, range: TimeRange): Promise<void> {
    await this.workspaceState.update(rangesKey, { ...this.all(), [targetKey(target)]: range });
  }

  private all(): Record<string, unknown> {
    const stored: unknown = this.workspaceState.get(rangesKey);
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  }
}
