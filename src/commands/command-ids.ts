/** Every command the extension contributes; `package.json#contributes.commands` must list exactly these. */
export const commandIds = [
  'lucaro.signIn',
  'lucaro.signOut',
  'lucaro.switchAccount',
  'lucaro.refresh',
  'lucaro.searchProjects',
  'lucaro.selectProject',
  'lucaro.newProject',
  'lucaro.newDashboard',
  'lucaro.newMetric',
  'lucaro.renameProject',
  'lucaro.openDashboard',
  'lucaro.openMetric',
  'lucaro.openInBrowser',
  'lucaro.copyId',
  'lucaro.showLog',
  'lucaro.setClientSecret',
  'lucaro.grantAccess',
  'lucaro.loadMore',
  'lucaro.retry',
  'lucaro.scanWorkspaceForTokens',
  'lucaro.resolveTokenLeak',
] as const;

export type CommandId = (typeof commandIds)[number];
