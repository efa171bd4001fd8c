/**
 * The spellings a secret takes on its way into a log line: as is, percent-encoded the ways
 * URLs, query strings and form bodies encode it (upper- or lower-case hex), and escaped
 * inside a JSON string, once or twice.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const add = (encode: (value: string) => string): void => {
    try {
      forms.add(encode(secret));
    } catch {
      // A lone surrogate cannot be percent-encoded: it never reaches a URL in that form either.
    }
  };
  add(encodeURIComponent);
  add((value) => new URLSearchParams({ v: value }).toString().slice('v='.length));
  add((value) => urlPart(value, (url) => (url.password = value), (url) => url.password));
  add((value) => urlPart(value, (url) => (url.search = `?${value}`), (url) => url.search.slice(1)));
  add((value) => urlPart(value, (url) => (url.pathname = `/${value}`), (url) => url.pathname.slice(1)));
  const jsonEscaped = jsonStringBody(secret);
  forms.add(jsonEscaped);
  forms.add(jsonStringBody(jsonEscaped));
  forms.add(asciiOnly(jsonEscaped));
  for (const form of [...forms]) forms.add(form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  return [...forms];
}

function urlPart(value: string, write: (url: URL) => void, read: (url: URL) => string): string {
  const url = new URL('https://lucaro.invalid/');
  write(url);
  const encoded = read(url);
  return encoded === '' && value !== '' ? value : encoded;
}

function jsonStringBody(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** What serialisers that keep to ASCII write: `\u00e9` for `é`. */
function asciiOnly(jsonEscaped: string): string {
  return jsonEscaped.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
