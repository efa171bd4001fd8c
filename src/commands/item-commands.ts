import * as vscode from 'vscode';
import type { ActiveProject } from '../account/active-project';
import type { SignedInLifetime } from '../account/signed-in-lifetime';
import { isLinkedNode, linkOf } from '../views/tree-nodes';

/** Open in Browser and Copy ID, for a tree item or (from the palette) the active project. */
export class ItemCommands {
  constructor(
    private readonly lifetime: SignedInLifetime,
    private readonly activeProject: ActiveProject,
  ) {}

  async openInBrowser(node?: unknown): Promise<void> {
    const target = await this.target(node);
    if (!target) return;
    const url = safeWebUrl(target.webUrl);
    if (!url) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lucaro gave no usable web address for {0}.', target.name));
      return;
    }
    await vscode.env.openExternal(url);
  }

  async copyId(node?: unknown): Promise<void> {
    const target = await this.target(node);
    if (!target) return;
    await vscode.env.clipboard.writeText(target.id);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the ID of {0}.', target.name), 3000);
  }

  private async target(node: unknown): Promise<{ id: string; name: string; webUrl: string } | undefined> {
    if (isLinkedNode(node)) return linkOf(node);
    const services = this.lifetime.current;
    const active = this.activeProject.current;
    if (!services || !active) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select a Lucaro project first.'));
      return undefined;
    }
    const project = await services.api.getProject(active.id).catch(() => undefined);
    return project ? { id: project.id, name: project.name, webUrl: project.web_url } : undefined;
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
