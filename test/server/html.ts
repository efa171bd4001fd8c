const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

/** A self-contained page: no external assets, so it renders offline and in any test browser. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.4rem; }
label { display: block; margin: .5rem 0; }
input[type=text], input[type=password] { width: 100%; padding: .4rem; box-sizing: border-box; }
fieldset { margin: 1rem 0; }
button { padding: .5rem 1.2rem; margin-right: .5rem; }
#error { color: #b3261e; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
