import { startLucaroServer } from './index';
import { stopOnSignals } from './stop-on-signals';

/** `npm run server [-- --projects N]`: the local Lucaro on fixed ports for demos and manual testing. */
async function main(): Promise<void> {
  const server = await startLucaroServer({
    apiPort: portFromEnv('LUCARO_API_PORT', 7070),
    authPort: portFromEnv('LUCARO_AUTH_PORT', 7071),
    projects: projectsFromArgs(process.argv.slice(2)),
    secretSeed: secretSeedFromEnv(),
  });
  const demo = server.users[0]!;
  console.log(`Lucaro local server
  API:  ${server.apiUrl}
  Auth: ${server.authUrl}
  Sign in as: ${demo.username} / ${demo.password} (${demo.name})
  API token (all scopes but admin): ${server.apiTokens.all}
  Codes and tokens seeded with LUCARO_SECRET_SEED=${server.secretSeed}

Settings: "lucaro.apiUrl": "${server.apiUrl}", "lucaro.authUrl": "${server.authUrl}"
Ctrl+C to stop.`);

  stopOnSignals(() => server.close());
}

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

function secretSeedFromEnv(): number | undefined {
  const raw = process.env['LUCARO_SECRET_SEED'];
  return raw === undefined || raw === '' ? undefined : Number(raw);
}

function projectsFromArgs(args: string[]): number | undefined {
  const index = args.findIndex((arg) => arg === '--projects' || arg.startsWith('--projects='));
  if (index === -1) return undefined;
  const arg = args[index]!;
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0) throw new Error(`--projects needs a non-negative integer, got "${raw}"`);
  return count;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
