import { badRequest } from './api-error';

export type JsonObject = Record<string, unknown>;

/** The request body as a JSON object, or a 400 (missing, not JSON, or not an object). */
export function parseJsonObject(raw: unknown): JsonObject {
  const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  if (text.trim() === '') throw badRequest('A JSON object body is required.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('The body must be a JSON object.');
  }
  return value as JsonObject;
}

export function rejectUnknownFields(body: JsonObject, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw badRequest(`Unknown field(s): ${unknown.join(', ')}.`);
}

export function requiredString(body: JsonObject, field: string, maxLength: number): string {
  const value = optionalString(body, field, maxLength);
  if (value === undefined) throw badRequest(`${field} is required.`);
  return value;
}

/** Trimmed; an empty name is no name, so a present field must have non-blank content. */
export function optionalString(body: JsonObject, field: string, maxLength: number, allowEmpty = false): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string.`);
  const trimmed = value.trim();
  if (!allowEmpty && trimmed === '') throw badRequest(`${field} must not be empty.`);
  if (trimmed.length > maxLength) throw badRequest(`${field} must be at most ${maxLength} characters.`);
  return trimmed;
}

const rfc3339Pattern = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time as epoch seconds. */
export function requiredTime(body: JsonObject, field: string): number {
  const value = body[field];
  if (typeof value !== 'string' || !rfc3339Pattern.test(value) || Number.isNaN(Date.parse(value))) {
    throw badRequest(`${field} must be an RFC 3339 time, e.g. 2024-05-01T12:00:00Z.`);
  }
  return Math.floor(Date.parse(value) / 1000);
}

export function optionalPositiveInteger(body: JsonObject, field: string, max: number): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw badRequest(`${field} must be an integer from 1 to ${max}.`);
  }
  return value;
}

// Spelled out rather than as Unicode properties, so the extension's validator (which uses
// \p{Cc} and \p{Bidi_Control}) is checked against a second reading of the same rule.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Text a user reads elsewhere (a metric's name, unit, description): no control characters,
 * no bidirectional controls (they reorder what is shown), no unpaired surrogates.
 */
export function refuseUnsafeText(field: string, value: string | undefined): void {
  if (value === undefined) return;
  if (controlCharacters.test(value)) throw badRequest(`${field} must not contain control characters.`);
  if (bidiControls.test(value)) throw badRequest(`${field} must not contain bidirectional control characters.`);
  if (hasUnpairedSurrogate(value)) throw badRequest(`${field} must not contain unpaired surrogates.`);
}

function hasUnpairedSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    }
  }
  return false;
}
