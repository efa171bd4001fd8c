import * as vscode from 'vscode';
import type { ProjectRef } from '../account/active-project';
import type { SignedInServices } from '../account/signed-in-services';
import type { Project } from '../core/api/schemas';
import { literalIcons } from '../core/encoding/editor-text';

interface ProjectPick extends vscode.QuickPickItem {
  readonly project: Project;
}

/**
 * A quick pick over all projects that shows the first page at once and keeps paging in
 * the background while it is open; closing it stops the paging. A failed page goes to
 * `onFailure` (the failure channel); the pages before it stay to pick from. The `preferred`
 * project is highlighted when its page arrives, unless the user has started filtering; a
 * later page keeps the highlight where it is.
 */
export function pickProject(
  services: SignedInServices,
  title: string,
  onFailure: (error: unknown) => void,
  preferred?: ProjectRef,
): Promise<Project | undefined> {
  const quickPick = vscode.window.createQuickPick<ProjectPick>();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Type to filter projects by name, description or ID');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  const abort = new AbortController();
  let preferredPending = preferred !== undefined;

  const listAll = services.run(async (api, signal) => {
    const items: ProjectPick[] = [];
    for await (const page of api.projectPages({ signal })) {
      items.push(
        ...page.items.map((project) => ({
          label: `$(project) ${literalIcons(project.name)}`,
          description: project.description ? literalIcons(project.description) : undefined,
          detail: literalIcons(project.id),
          project,
        })),
      );
      // New items move the highlight to the top: keep it where it was, or on the preferred project.
      const active = quickPick.activeItems[0];
      quickPick.items = items;
      const match = preferredPending && quickPick.value === '' ? items.find((item) => item.project.id === preferred?.id) : undefined;
      if (match) preferredPending = false;
      const highlight = match ?? active;
      if (highlight) quickPick.activeItems = [highlight];
    }
  }, abort.signal);
  void listAll
    .catch((error: unknown) => {
      if (!abort.signal.aborted) onFailure(error);
    })
    .finally(() => {
      quickPick.busy = false;
    });

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
