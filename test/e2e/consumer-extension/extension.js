// @ts-check
/* global require, process, fetch, module */
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS extension, as many are */
'use strict';
/**
 * A test-only third-party extension: it reaches Lucaro only through
 * `vscode.authentication`, as a CLI wrapper or a notebook kernel would, and appends what it
 * got to the JSON-lines file named by LUCARO_CONSUMER_RESULTS (never a token: a digest of it
 * and what Lucaro answered with it).
 */
const fs = require('node:fs');
const crypto = require('node:crypto');
const vscode = require('vscode');

const providerId = 'lucaro';

/** @param {vscode.AuthenticationSession | undefined} session */
function describeSession(session) {
  if (!session) return null;
  return {
    id: session.id,
    account: { id: session.account.id, label: session.account.label },
    scopes: [...session.scopes].sort(),
    tokenDigest: crypto.createHash('sha256').update(session.accessToken).digest('hex').slice(0, 16),
  };
}

/** @param {string} command @param {Record<string, unknown>} result */
function record(command, result) {
  const file = process.env.LUCARO_CONSUMER_RESULTS;
  if (file) fs.appendFileSync(file, `${JSON.stringify({ command, ...result })}\n`);
}

/** @param {unknown} error */
function describeError(error) {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'unknown', message: String(error) };
}

/** @param {string} prompt */
async function ask(prompt) {
  return (await vscode.window.showInputBox({ title: `Lucaro Consumer: ${prompt}`, prompt, ignoreFocusOut: true })) ?? '';
}

/** @param {string} url @param {vscode.AuthenticationSession} session */
async function read(url, session) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${session.accessToken}` } });
  await response.arrayBuffer();
  return { status: response.status, wwwAuthenticate: response.headers.get('www-authenticate') };
}

/** Asks for an account label, then for that account's session with `options`. @param {vscode.AuthenticationGetSessionOptions} options */
async function sessionForNamedAccount(options) {
  const label = await ask('account label');
  const account = (await vscode.authentication.getAccounts(providerId)).find((candidate) => candidate.label === label);
  if (!account) return { error: { name: 'NoSuchAccount', message: label } };
  return { session: describeSession(await vscode.authentication.getSession(providerId, ['read:projects'], { ...options, account })) };
}

/**
 * @param {string} command
 * @param {() => Promise<Record<string, unknown>>} run
 */
function register(command, run) {
  return vscode.commands.registerCommand(command, async () => {
    try {
      record(command, await run());
    } catch (error) {
      record(command, { error: describeError(error) });
    }
  });
}

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  context.subscriptions.push(
    register('lucaroConsumer.silentLookup', async () => ({
      session: describeSession(await vscode.authentication.getSession(providerId, ['read:projects'], { silent: true })),
    })),
    register('lucaroConsumer.getSession', async () => ({
      session: describeSession(await vscode.authentication.getSession(providerId, ['read:projects'], { createIfNone: true })),
    })),
    // Records, on every change the provider reports, the session a silent lookup now answers.
    register('lucaroConsumer.watchSessions', async () => {
      context.subscriptions.push(
        vscode.authentication.onDidChangeSessions(async (event) => {
          if (event.provider.id !== providerId) return;
          const session = await vscode.authentication.getSession(providerId, ['read:projects'], { silent: true });
          record('lucaroConsumer.changed', { session: describeSession(session) });
        }),
      );
      return {};
    }),
    register('lucaroConsumer.accounts', async () => ({
      accounts: (await vscode.authentication.getAccounts(providerId)).map((account) => ({ id: account.id, label: account.label })),
    })),
    register('lucaroConsumer.signInAs', () => sessionForNamedAccount({ forceNewSession: true })),
    register('lucaroConsumer.sessionForAccount', () => sessionForNamedAccount({ createIfNone: true })),
    // The pattern the challenge API is for: read, and on a 403 hand its WWW-Authenticate to getSession.
    register('lucaroConsumer.readResource', async () => {
      const url = await ask('resource URL');
      const first = await vscode.authentication.getSession(providerId, ['read:projects'], { createIfNone: true });
      const before = await read(url, first);
      if (before.status !== 403 || !before.wwwAuthenticate) return { before, session: describeSession(first) };
      const challenge = { wwwAuthenticate: before.wwwAuthenticate, fallbackScopes: ['read:projects'] };
      const stepped = await vscode.authentication.getSession(providerId, /** @type {any} */ (challenge), { createIfNone: true });
      const after = await read(url, stepped);
      return { before, first: describeSession(first), session: describeSession(stepped), after };
    }),
    register('lucaroConsumer.challenge', async () => {
      const wwwAuthenticate = await ask('WWW-Authenticate value');
      const challenge = { wwwAuthenticate, fallbackScopes: ['read:projects'] };
      return { session: describeSession(await vscode.authentication.getSession(providerId, /** @type {any} */ (challenge), { createIfNone: true })) };
    }),
  );
}

module.exports = { activate, deactivate() {} };
