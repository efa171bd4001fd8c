import * as vscode from 'vscode';
import type { ProjectRef } from '../account/active-project';
import type { NewMetric } from '../core/api/api-client';
import {
  checkMetricDescription,
  checkMetricName,
  checkMetricUnit,
  metricDescriptionRule,
  metricNameRule,
  metricUnitRule,
} from '../core/validation/metric-fields';
import { askText, describeTextProblem } from './text-input';

const steps = 3;

/**
 * Name, unit (optional) and description (optional), one box after the other, each validated
 * as the user types. Undefined when the user pressed Escape in any of them: nothing is sent.
 * `taken`: the project's metric names the tree has loaded.
 */
export async function askNewMetric(project: ProjectRef, taken: ReadonlySet<string>): Promise<NewMetric | undefined> {
  const title = (step: number) => vscode.l10n.t('New Metric in {0} ({1}/{2})', project.name, step, steps);
  const name = await askText({
    title: title(1),
    prompt: vscode.l10n.t('Metric name'),
    validate: (input) => {
      const problem = checkMetricName(input, taken);
      return problem === 'taken'
        ? vscode.l10n.t('{0} already has a metric named {1}.', project.name, input.trim())
        : describeTextProblem('name', problem, metricNameRule.maxLength);
    },
  });
  if (name === undefined) return undefined;
  const unit = await askText({
    title: title(2),
    prompt: vscode.l10n.t('Unit (optional), for example ms, %, req/s'),
    validate: (input) => describeTextProblem('unit', checkMetricUnit(input), metricUnitRule.maxLength),
  });
  if (unit === undefined) return undefined;
  const description = await askText({
    title: title(3),
    prompt: vscode.l10n.t('Description (optional)'),
    validate: (input) => describeTextProblem('description', checkMetricDescription(input), metricDescriptionRule.maxLength),
  });
  if (description === undefined) return undefined;
  return { name, ...(unit ? { unit } : {}), ...(description ? { description } : {}) };
}
