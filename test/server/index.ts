export { startLucaroServer, type LucaroServer, type StaticApiTokens } from './lucaro-server';
export type { LucaroServerOptions, RateLimitOptions } from './options';
export type { ServerCounters } from './counters';
export type { DemoUser } from './users';
export { allScopes } from './scopes';
export type { Dashboard, Metric, Project, Series, Widget } from './resources';
export type { TokenFault } from './token-faults';
export type { SecretsSeen } from './token-store';
export type { TlsIdentity } from './listener';
