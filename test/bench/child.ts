/** Runs a bench child script (TypeScript, through tsx) and parses the JSON line it prints last. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export function runChild<T>(script: string, args: readonly string[], timeoutMs = 600_000): Promise<T> {
  return new Promise((resolve, reject) => {
    // --expose-gc lets the RSS baseline start from a collected heap.
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', join(__dirname, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}
