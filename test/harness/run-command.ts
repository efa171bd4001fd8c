import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number;
  output: string;
}

/** Runs a command, streaming its output through while keeping a copy to parse. */
export function runStreaming(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: string[] = [];
    child.stdout.on('data', (data: Buffer) => {
      chunks.push(data.toString());
      process.stdout.write(data);
    });
    child.stderr.on('data', (data: Buffer) => {
      chunks.push(data.toString());
      process.stderr.write(data);
    });
    child.on('error', (error) => {
      chunks.push(String(error));
      resolve({ code: 1, output: chunks.join('') });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: chunks.join('') }));
  });
}
