/**
 * Drives the local Lucaro server's consent page over plain HTTP, as a browser would:
 * loads the form, copies its hidden fields, ticks the granted scopes and submits.
 * Returns where the server redirects the browser to.
 */
export async function submitConsent(
  authorizationUrl: string,
  choice: { username?: string; password?: string; grant?: readonly string[]; action?: 'approve' | 'deny' } = {},
): Promise<URL> {
  const page = await fetch(authorizationUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${html.slice(0, 200)}`);
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.append(match[1]!, decodeEntities(match[2]!));
  }
  const offered = [...html.matchAll(/<input type="checkbox" id="[^"]+" name="scope" value="([^"]+)"/g)].map((m) => decodeEntities(m[1]!));
  for (const scope of choice.grant ?? offered) form.append('scope', scope);
  form.set('username', choice.username ?? 'demo');
  form.set('password', choice.password ?? 'demo');
  form.set('action', choice.action ?? 'approve');
  const action = new URL(/<form method="post" action="([^"]+)">/.exec(html)?.[1] ?? '', authorizationUrl);
  const response = await fetch(action, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (response.status !== 302 && response.status !== 303) {
    throw new Error(`consent POST answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  if (!location) throw new Error('consent POST redirected nowhere');
  return new URL(location);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
