import * as vscode from 'vscode';
import type { ActiveProject } from '../account/active-project';
import type { DashboardsTreeProvider } from './dashboards-tree-provider';
import { dashboardsViewId } from './dashboards-tree-provider';
import type { ProjectsTreeProvider } from './projects-tree-provider';
import { projectsViewId } from './projects-tree-provider';

/** The two contributed views, in one place. Selecting a project makes it the Dashboards view's project. */
export function registerViews(
  projects: ProjectsTreeProvider,
  dashboards: DashboardsTreeProvider,
  activeProject: ActiveProject,
): vscode.Disposable[] {
  const projectsView = vscode.window.createTreeView(projectsViewId, { treeDataProvider: projects, showCollapseAll: true });
  const dashboardsView = vscode.window.createTreeView(dashboardsViewId, { treeDataProvider: dashboards, showCollapseAll: true });
  const describeProject = () => {
    dashboardsView.description = activeProject.current?.name;
  };
  describeProject();
  return [
    projectsView,
    dashboardsView,
    projectsView.onDidChangeSelection(({ selection }) => {
      const [node] = selection;
      if (node?.kind === 'project') void activeProject.select(node.project);
    }),
    activeProject.onDidChange(describeProject),
  ];
}
