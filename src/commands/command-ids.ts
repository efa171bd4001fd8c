/** Every command the extension contributes; `package.json#contributes.commands` must list exactly these. */
export const commandIds = [
  'lucaro.signIn',
  'lucaro.signOut',
  'lucaro.refresh',
  'lucaro.showLog',
  'lucaro.setClientSecret',
] as const;

export type CommandId = (typeof commandIds)[number];
