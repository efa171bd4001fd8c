import type { WorkbenchWindow } from './workbench';
import { uiTimeoutMs } from './wait';

/**
 * Opens a new, empty untitled editor in the active group: the tab that was in front (a
 * dashboard's webview) stays open but is hidden behind it. Empty, it closes without a prompt.
 */
export async function openUntitledInFront(workbench: WorkbenchWindow): Promise<void> {
  await workbench.palette.run('File: New Untitled Text File');
  await workbench.editors.activeTab('Untitled-').waitFor({ timeout: uiTimeoutMs });
}
