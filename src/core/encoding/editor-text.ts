/**
 * Lucaro's strings (names, descriptions, account labels) are the server's, so they may hold
 * what the editor would draw or link: `$(name)` icons in labels, quick picks, the status bar
 * and Markdown with theme icons; Markdown syntax in tooltips; `[text](command:…)` links in
 * notification messages. These functions make such a string show as written.
 */

/** `$(name)` or `$(name~modifier)`, as the editor's icon-aware labels read it. */
const themeIcon = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/** Every ASCII punctuation character: CommonMark lets a backslash escape each one. */
const markdownPunctuation = /[!-/:-@[-`{-~]/g;

/** The links a notification message turns clickable (the editor's linked-text syntax). */
const messageLink = /\]\((?=https?:\/\/|command:|file:)/gi;

/** U+2060 WORD JOINER: invisible, and not a character the link syntax allows between `]` and `(`. */
const wordJoiner = '\u2060';

/**
 * For a label, quick pick item or status bar text: a backslash before each `$(name)`, which
 * the editor then shows as `$(name)` (one the text escaped itself keeps its backslash too).
 */
export function literalIcons(text: string): string {
  return text.replace(themeIcon, '\\$&');
}

/** For a `MarkdownString` (with theme icons or without): the text, every syntax character escaped. */
export function literalMarkdown(text: string): string {
  return literalIcons(text).replace(markdownPunctuation, '\\$&');
}

/** For a notification message: `[text](command:…)` and web links stay text, shown unchanged. */
export function literalInMessage(text: string): string {
  return text.replace(messageLink, `]${wordJoiner}(`);
}
