/**
 * Elements built from data: every Lucaro string goes in as text (names may hold markup,
 * `command:` links, bidi overrides), never through innerHTML or an attribute that runs.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attributes?: Record<string, string> } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Bidi isolation, so an override inside a name cannot reorder the text around it. */
export function isolated(text: string, className?: string): HTMLElement {
  return element('bdi', { text, ...(className ? { className } : {}) });
}
