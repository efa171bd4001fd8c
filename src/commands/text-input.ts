import * as vscode from 'vscode';
import type { TextProblem } from '../core/validation/text-field';

/** What a text box asks for; its messages name it. */
export type TextField = 'name' | 'unit' | 'description';

export interface TextQuestion {
  readonly title: string;
  readonly prompt: string;
  readonly value?: string;
  /** A localised message for input that may not be sent, or undefined when it may. */
  readonly validate: (input: string) => string | undefined;
}

/** One input box, validated as the user types; the trimmed answer, or undefined on Escape. */
export async function askText(question: TextQuestion): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: question.title,
    prompt: question.prompt,
    value: question.value,
    ignoreFocusOut: true,
    validateInput: question.validate,
  });
  return answer?.trim();
}

/** The inline message for a refused text field; undefined when the field may be sent. */
export function describeTextProblem(field: TextField, problem: TextProblem | undefined, maxLength: number): string | undefined {
  if (problem === undefined) return undefined;
  switch (field) {
    case 'name':
      return nameProblem(problem, maxLength);
    case 'unit':
      return unitProblem(problem, maxLength);
    case 'description':
      return descriptionProblem(problem, maxLength);
  }
}

function nameProblem(problem: TextProblem, maxLength: number): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('A name is required.');
    case 'tooLong':
      return vscode.l10n.t('A name has at most {0} characters.', maxLength);
    case 'controlCharacters':
      return vscode.l10n.t('A name cannot contain control characters.');
    case 'bidiControls':
      return vscode.l10n.t('A name cannot contain bidirectional text controls.');
    case 'unpairedSurrogates':
      return vscode.l10n.t('A name cannot contain incomplete characters (unpaired surrogates).');
  }
}

function unitProblem(problem: TextProblem, maxLength: number): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('A unit is required.');
    case 'tooLong':
      return vscode.l10n.t('A unit has at most {0} characters.', maxLength);
    case 'controlCharacters':
      return vscode.l10n.t('A unit cannot contain control characters.');
    case 'bidiControls':
      return vscode.l10n.t('A unit cannot contain bidirectional text controls.');
    case 'unpairedSurrogates':
      return vscode.l10n.t('A unit cannot contain incomplete characters (unpaired surrogates).');
  }
}

function descriptionProblem(problem: TextProblem, maxLength: number): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('A description is required.');
    case 'tooLong':
      return vscode.l10n.t('A description has at most {0} characters.', maxLength);
    case 'controlCharacters':
      return vscode.l10n.t('A description cannot contain control characters.');
    case 'bidiControls':
      return vscode.l10n.t('A description cannot contain bidirectional text controls.');
    case 'unpairedSurrogates':
      return vscode.l10n.t('A description cannot contain incomplete characters (unpaired surrogates).');
  }
}
