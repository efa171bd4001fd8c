export const maxNameLength = 200;

export type NameProblem = 'empty' | 'tooLong' | 'controlCharacters';

/** Checks a project or dashboard name before any request is sent. */
export function checkResourceName(name: string): NameProblem | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'empty';
  if (trimmed.length > maxNameLength) return 'tooLong';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'controlCharacters';
  return undefined;
}
