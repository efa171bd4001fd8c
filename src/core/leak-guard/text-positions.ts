/**
 * Offsets where each line starts, with `\r\n`, `\n` and `\r` as line breaks (as the editor
 * counts them); only the lines up to offset `until` when given (enough for `positionAt` there).
 */
export function lineStarts(text: string, until = text.length): number[] {
  const starts = [0];
  const end = Math.min(until, text.length);
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (code === 10 || code === 13) starts.push(i + 1);
  }
  return starts;
}

/** The zero-based line and UTF-16 character of `offset`. */
export function positionAt(starts: readonly number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - starts[low]! };
}
