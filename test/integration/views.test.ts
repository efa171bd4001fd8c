import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateLucaro } from './lucaro-extension';

interface Contributes {
  viewsContainers: { activitybar: Array<{ id: string }> };
  views: Record<string, Array<{ id: string }>>;
}

describe('the Lucaro views', () => {
  let contributes: Contributes;
  before(async () => {
    contributes = (await activateLucaro()).packageJSON.contributes as Contributes;
  });

  it('contribute the lucaro activity-bar container', () => {
    assert.ok(contributes.viewsContainers.activitybar.some((container) => container.id === 'lucaro'));
  });

  it('contribute the projects and dashboards views to it', () => {
    assert.deepEqual(contributes.views.lucaro.map((view) => view.id), ['lucaro.projects', 'lucaro.dashboards']);
  });

  it('open in the workbench', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.lucaro');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('lucaro.projects.focus'), 'no focus command for lucaro.projects: the view is not registered');
    assert.ok(registered.has('lucaro.dashboards.focus'), 'no focus command for lucaro.dashboards: the view is not registered');
  });
});
