import { escapeHtml, page } from './html';
import { scopeCheckboxId } from './scopes';

/** The authorization request parameters the consent form carries through to its POST. */
export interface AuthorizeParams {
  readonly client_id: string;
  readonly redirect_uri: string;
  readonly response_type: string;
  readonly state: string;
  readonly code_challenge: string;
  readonly code_challenge_method: string;
  readonly scope: string;
}

export interface ConsentPageInput {
  readonly params: AuthorizeParams;
  readonly requestedScopes: readonly string[];
  /** Defaults to all requested scopes. */
  readonly checkedScopes?: readonly string[];
  readonly username?: string;
  readonly error?: string;
}

/**
 * The form posts to a relative URL: a browser-based editor may show this page through its
 * port proxy (`/proxy/<port>/oauth/authorize`), where a root-relative action would miss.
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const { params, requestedScopes, checkedScopes = requestedScopes, username = '', error } = input;
  const hidden = Object.entries(params)
    .filter(([name]) => name !== 'scope')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const requested = `<input type="hidden" name="requested_scope" value="${escapeHtml(params.scope)}">`;
  const checkboxes = requestedScopes
    .map((scope) => {
      const id = scopeCheckboxId(scope);
      return `<label for="${id}"><input type="checkbox" id="${id}" name="scope" value="${escapeHtml(scope)}"${checkedScopes.includes(scope) ? ' checked' : ''}> ${escapeHtml(scope)}</label>`;
    })
    .join('\n');
  const errorLine = error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : '';
  return page(
    'Authorize - Lucaro',
    `<h1>Sign in to Lucaro</h1>
<p><strong>${escapeHtml(params.client_id)}</strong> wants to access your Lucaro account.</p>
${errorLine}
<form method="post" action="authorize">
${hidden}
${requested}
<label for="username">Username <input type="text" id="username" name="username" value="${escapeHtml(username)}" autocomplete="username"></label>
<label for="password">Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
<fieldset><legend>Permissions</legend>
${checkboxes}
</fieldset>
<button id="approve" type="submit" name="action" value="approve">Approve</button>
<button id="deny" type="submit" name="action" value="deny">Deny</button>
</form>`,
  );
}

export function renderErrorPage(message: string): string {
  return page('Authorization error - Lucaro', `<h1>Authorization error</h1>\n<p id="error" role="alert">${escapeHtml(message)}</p>`);
}
