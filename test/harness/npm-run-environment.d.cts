/** Whether `name` is a variable `npm run` sets for its own script rather than the user's npm configuration. */
export declare function isNpmRunOwnVariable(name: string): boolean;
/** `env` without what `npm run` added for its own script; the user's `npm_config_*` / `NPM_CONFIG_*` stay. */
export declare function environmentForNestedNpm(env: Readonly<NodeJS.ProcessEnv>): NodeJS.ProcessEnv;
