import { checkText, type TextProblem, type TextRule } from './text-field';

export const metricNameRule: TextRule = { required: true, maxLength: 200 };
export const metricUnitRule: TextRule = { required: false, maxLength: 32 };
export const metricDescriptionRule: TextRule = { required: false, maxLength: 2000 };

export type MetricNameProblem = TextProblem | 'taken';

/**
 * A new metric's name: safe text, and not one the project already has (as far as the caller
 * knows: `taken` holds the names it has loaded). Names are compared as sent, trimmed.
 */
export function checkMetricName(name: string, taken: ReadonlySet<string> = new Set()): MetricNameProblem | undefined {
  return checkText(name, metricNameRule) ?? (taken.has(name.trim()) ? 'taken' : undefined);
}

export function checkMetricUnit(unit: string): TextProblem | undefined {
  return checkText(unit, metricUnitRule);
}

export function checkMetricDescription(description: string): TextProblem | undefined {
  return checkText(description, metricDescriptionRule);
}
