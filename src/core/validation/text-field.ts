/** Why a text field is refused before any request is sent. */
export type TextProblem = 'empty' | 'tooLong' | 'controlCharacters' | 'bidiControls' | 'unpairedSurrogates';

export interface TextRule {
  /** An optional field may be blank (it is then left out); a required one may not. */
  readonly required: boolean;
  /** In UTF-16 code units of the trimmed text, as `String.length` counts. */
  readonly maxLength: number;
}

const controlCharacter = /\p{Cc}/u;
// Embeddings, overrides, isolates and marks reorder or hide text where it is shown (Trojan Source).
const bidiControl = /\p{Bidi_Control}/u;
// With the `u` flag a surrogate matches only when it is not half of a pair.
const unpairedSurrogate = /[\uD800-\uDFFF]/u;

/** Checks the trimmed text: what is sent is `text.trim()`. */
export function checkText(text: string, rule: TextRule): TextProblem | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0) return rule.required ? 'empty' : undefined;
  if (trimmed.length > rule.maxLength) return 'tooLong';
  if (controlCharacter.test(trimmed)) return 'controlCharacters';
  if (bidiControl.test(trimmed)) return 'bidiControls';
  if (unpairedSurrogate.test(trimmed)) return 'unpairedSurrogates';
  return undefined;
}
