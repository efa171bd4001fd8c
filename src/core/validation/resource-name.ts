import { checkText, type TextProblem } from './text-field';

export const maxNameLength = 200;

export type NameProblem = TextProblem;

/** Checks a project or dashboard name before any request is sent. */
export function checkResourceName(name: string): NameProblem | undefined {
  return checkText(name, { required: true, maxLength: maxNameLength });
}
