import * as v from 'valibot';
import type { StatSummary } from './chart-data';
import { timeRanges, type QueryWindow, type TimeRange } from './time-range';

/** What a tab shows: a dashboard, or one metric on its own. Also the state a reload restores. */
export type PanelTarget =
  | { readonly kind: 'dashboard'; readonly projectId: string; readonly dashboardId: string; readonly title: string }
  | { readonly kind: 'metric'; readonly projectId: string; readonly metric: string; readonly title: string };

export interface WidgetView {
  readonly id: string;
  readonly title: string;
  readonly metric: string;
  /** line | bar | stat; anything newer is drawn as a line. */
  readonly kind: string;
}

/** Every sentence the webview shows, localised by the host. */
export interface WebviewStrings {
  readonly ranges: Readonly<Record<TimeRange, string>>;
  readonly rangeLabel: string;
  readonly refresh: string;
  readonly retry: string;
  readonly loading: string;
  readonly noData: string;
  readonly time: string;
  readonly value: string;
  readonly showTable: string;
  readonly changeVsPrevious: string;
  readonly noPrevious: string;
  readonly grantAccess: string;
}

/** Host -> webview. Trusted: the host builds them. */
export type HostMessage =
  | {
      readonly type: 'show';
      readonly target: PanelTarget;
      readonly locale: string;
      readonly strings: WebviewStrings;
      /** The widgets the tab draws, at most `maxWidgetsPerTab`. */
      readonly widgets: readonly WidgetView[];
      /** The sentence naming how many more the dashboard has, when it has more. */
      readonly widgetsNotShown: string | undefined;
      readonly range: TimeRange;
    }
  | { readonly type: 'loading'; readonly widgetId: string }
  | {
      readonly type: 'data';
      readonly widgetId: string;
      readonly unit: string;
      readonly window: QueryWindow;
      readonly times: readonly number[];
      readonly values: readonly number[];
      readonly stat: StatSummary | undefined;
    }
  | { readonly type: 'failed'; readonly widgetId: string; readonly message: string }
  | { readonly type: 'needsGrant'; readonly message: string }
  /** The tab cannot load (signed out, the dashboard is gone): a sentence, and Retry if it may help. */
  | { readonly type: 'notice'; readonly message: string; readonly retry: boolean };

const maxIdLength = 512;
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(maxIdLength));

// Webview -> host: hostile until parsed (a compromised or buggy page can post anything).
// Strict objects: an unknown field is a malformed message, not something to ignore.
const WebviewMessageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('ready') }),
  v.strictObject({ type: v.literal('refresh') }),
  v.strictObject({ type: v.literal('grant') }),
  v.strictObject({ type: v.literal('range'), range: v.picklist(timeRanges) }),
  v.strictObject({ type: v.literal('retry'), widgetId: id }),
]);

export type WebviewMessage = v.InferOutput<typeof WebviewMessageSchema>;

const PanelTargetSchema = v.variant('kind', [
  v.object({ kind: v.literal('dashboard'), projectId: id, dashboardId: id, title: v.pipe(v.string(), v.maxLength(maxIdLength)) }),
  v.object({ kind: v.literal('metric'), projectId: id, metric: id, title: v.pipe(v.string(), v.maxLength(maxIdLength)) }),
]);

export class WebviewMessageError extends Error {
  override readonly name = 'WebviewMessageError';
  constructor(readonly issues: readonly string[]) {
    super(`Malformed message from the webview: ${issues.join('; ')}`);
  }
}

/** A message from the webview, or a `WebviewMessageError`. Never returns what it did not check. */
export function parseWebviewMessage(value: unknown): WebviewMessage {
  const result = v.safeParse(WebviewMessageSchema, value);
  // Only what the schema expected: the received value is the page's and stays out of logs.
  if (!result.success) throw new WebviewMessageError(result.issues.map((issue) => `${issuePath(issue)} expected ${issue.expected ?? 'nothing'}`));
  return result.output;
}

/** The state a restored tab comes back with (written by the webview, so checked too); undefined if unusable. */
export function parsePanelTarget(value: unknown): PanelTarget | undefined {
  const result = v.safeParse(PanelTargetSchema, value);
  return result.success ? result.output : undefined;
}

const messageFields = new Set(['type', 'range', 'widgetId']);

function issuePath(issue: v.BaseIssue<unknown>): string {
  // An unknown key is the page's too: named only as "an unknown field".
  const keys = issue.path?.map((item) => (messageFields.has(String(item.key)) ? String(item.key) : 'an unknown field')) ?? [];
  return keys.length > 0 ? keys.join('.') : 'message';
}
