/**
 * Widgets a tab draws at most; the rest are named in a note. Each widget is a query per load
 * and per auto-refresh tick: at the default 60 s, 24 widgets ask 1,440 times an hour, under a
 * third of the rate limit the local Lucaro grants a token (5,000 an hour), leaving room for
 * a second tab and the trees; and 24 charts of at most 300 points are a page drawn at once.
 */
export const maxWidgetsPerTab = 24;

export interface CappedWidgets<T> {
  readonly shown: readonly T[];
  /** How many widgets, after the shown ones, the tab leaves out. */
  readonly notShown: number;
}

/** The first `max` widgets, in the dashboard's order, and how many are left out. */
export function capWidgets<T>(widgets: readonly T[], max = maxWidgetsPerTab): CappedWidgets<T> {
  return { shown: widgets.slice(0, max), notShown: Math.max(0, widgets.length - max) };
}
