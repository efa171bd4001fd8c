import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { ActiveProject } from '../account/active-project';
import type { FailureChannel } from '../failures/failure-channel';
import { isLinkedNode, linkOf } from '../sidebar/tree-nodes';
import { literalIcons, literalInMessage } from '../core/encoding/editor-text';

interface LinkTarget {
  readonly id: string;
  readonly name: string;
  readonly webUrl: string;
}

/** Open in Browser and Copy ID, for a tree item or (from the palette) the active project. */
export class ItemCommands {
  constructor(
    private readonly account: AccountSession,
    private readonly activeProject: ActiveProject,
    private readonly failures: FailureChannel,
  ) {}

  async openInBrowser(node?: unknown): Promise<void> {
    const target = await this.target(node, 'Opening a project in the browser');
    if (!target) return;
    const url = safeWebUrl(target.webUrl);
    if (!url) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lucaro gave no usable web address for {0}.', literalInMessage(target.name)));
      return;
    }
    await vscode.env.openExternal(url);
  }

  async copyId(node?: unknown): Promise<void> {
    const target = await this.target(node, 'Copying a project ID');
    if (!target) return;
    await vscode.env.clipboard.writeText(target.id);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the ID of {0}.', literalIcons(target.name)), 3000);
  }

  /** The clicked item, or the active project; says what to do when there is neither. */
  private async target(node: unknown, what: string): Promise<LinkTarget | undefined> {
    if (isLinkedNode(node)) return linkOf(node);
    const services = this.account.current;
    if (!services) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Lucaro first.'));
      return undefined;
    }
    const active = this.activeProject.current;
    if (!active) {
      void this.askToSelectProject();
      return undefined;
    }
    try {
      const project = await services.run((api, signal) => api.getProject(active.id, { signal }));
      return { id: project.id, name: project.name, webUrl: project.web_url };
    } catch (error) {
      this.failures.report(error, 'command', what);
      return undefined;
    }
  }

  private async askToSelectProject(): Promise<void> {
    const select = vscode.l10n.t('Select Project');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Select a Lucaro project first: click one in the Projects view, or choose Select Project.'),
      select,
    );
    if (choice === select) await vscode.commands.executeCommand('lucaro.selectProject');
  }
}

/** Only web pages open from here: a `command:` or `file:` link from a server is refused. */
function safeWebUrl(value: string): vscode.Uri | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? vscode.Uri.parse(url.toString(), true) : undefined;
  } catch {
    return undefined;
  }
}
