import * as vscode from 'vscode';
import type { SessionRecord } from '../core/session/session-record';
import type { ActiveAccount } from './active-account';
import type { SignedInServices } from './signed-in-services';

/**
 * Creates the signed-in services when an account comes into use and disposes them when it
 * goes: the second of the extension's two lifetimes.
 */
export class SignedInLifetime implements vscode.Disposable {
  private services: SignedInServices | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<SignedInServices | undefined>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    account: ActiveAccount,
    private readonly create: (record: SessionRecord) => SignedInServices,
  ) {
    this.subscription = account.onDidChange((record) => this.replace(record));
  }

  get current(): SignedInServices | undefined {
    return this.services;
  }

  dispose(): void {
    this.subscription.dispose();
    this.services?.dispose();
    this.changeEmitter.dispose();
  }

  private replace(record: SessionRecord | undefined): void {
    this.services?.dispose();
    this.services = record ? this.create(record) : undefined;
    this.changeEmitter.fire(this.services);
  }
}
