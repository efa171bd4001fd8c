import * as vscode from 'vscode';
import type { LucaroApiClient } from '../core/api/api-client';
import type { Project } from '../core/api/schemas';
import { describeForUser } from '../ui/error-messages';

interface ProjectPick extends vscode.QuickPickItem {
  readonly project: Project;
}

/**
 * A quick pick over all projects that shows the first page at once and keeps paging in
 * the background while it is open; closing it stops the paging.
 */
export function pickProject(api: LucaroApiClient, title: string): Promise<Project | undefined> {
  const quickPick = vscode.window.createQuickPick<ProjectPick>();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Type to filter projects by name, description or ID');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  const abort = new AbortController();

  void (async () => {
    const items: ProjectPick[] = [];
    try {
      for await (const page of api.projectPages({ signal: abort.signal })) {
        items.push(
          ...page.items.map((project) => ({
            label: `$(project) ${project.name}`,
            description: project.description || undefined,
            detail: project.id,
            project,
          })),
        );
        quickPick.items = items;
      }
    } catch (error) {
      if (!abort.signal.aborted) quickPick.placeholder = describeForUser(error);
    } finally {
      quickPick.busy = false;
    }
  })();

  return new Promise<Project | undefined>((resolve) => {
    let picked: Project | undefined;
    quickPick.onDidAccept(() => {
      picked = quickPick.selectedItems[0]?.project;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      abort.abort();
      quickPick.dispose();
      resolve(picked);
    });
    quickPick.show();
  });
}
