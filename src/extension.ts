import * as vscode from 'vscode';
import { commandIds } from './commands/command-ids';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Lucaro', { log: true });
  context.subscriptions.push(log);
  for (const id of commandIds) {
    context.subscriptions.push(vscode.commands.registerCommand(id, () => log.show()));
  }
}

export function deactivate(): void {}
