import * as vscode from 'vscode';

/** A fresh nonce per page, from Web Crypto (the shell also runs in a web worker: no Node API). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The page shell. Nothing from Lucaro goes in here: the script builds the page from
 * messages, as text. Styles only from the extension's files, the script only by nonce.
 */
export function dashboardHtml(webview: vscode.Webview, root: vscode.Uri, nonce: string): string {
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset('uPlot.min.css')}">
<link rel="stylesheet" href="${asset('dashboard.css')}">
</head>
<body>
<script nonce="${nonce}" src="${asset('dashboard.js')}"></script>
</body>
</html>`;
}
