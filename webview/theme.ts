/** The colours a canvas needs, read from the editor's theme variables (canvas cannot use var()). */
export interface ChartColours {
  readonly foreground: string;
  readonly background: string;
  readonly grid: string;
  readonly series: readonly string[];
}

const seriesVariables = ['blue', 'green', 'orange', 'purple', 'red', 'yellow'].map((name) => `--vscode-charts-${name}`);

export function readChartColours(): ChartColours {
  const style = getComputedStyle(document.body);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const foreground = read('--vscode-editor-foreground', read('--vscode-foreground', '#888888'));
  return {
    foreground,
    background: read('--vscode-editor-background', 'transparent'),
    grid: read('--vscode-editorWidget-border', read('--vscode-widget-border', foreground + '33')),
    series: seriesVariables.map((name) => read(name, foreground)),
  };
}

/** Calls `onChange` when the editor switches theme (light, dark, high contrast): it changes body's class and the variables. */
export function watchTheme(onChange: () => void): void {
  let last = themeKey();
  const observer = new MutationObserver(() => {
    const key = themeKey();
    if (key === last) return;
    last = key;
    onChange();
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}

function themeKey(): string {
  return `${document.body.className}|${document.body.dataset['vscodeThemeId'] ?? ''}|${JSON.stringify(readChartColours())}`;
}
