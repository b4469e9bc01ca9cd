// The demo behind `npm start`: the sandbox with demo data, and code-server (VS Code 1.100.3) with the
// packaged extension installed and the sandbox registered as its site, all on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../test/sandbox/index';
import { codeServerCli, codeServerState, ensureCodeServer, repoRoot, startCodeServer, workbenchUrl } from './lib/code-server';
import { portFrom } from './lib/ports';

async function main(): Promise<void> {
  ensureCodeServer();
  const home = join(repoRoot, '.vscode-test/start');
  const state = codeServerState(join(home, 'server'));
  const vsix = join(home, 'chargebee-quotes-exports.vsix');
  mkdirSync(home, { recursive: true });
  console.log('building and packaging the extension...');
  execFileSync('node', ['scripts/package.mjs', vsix], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const install = codeServerCli(state, ['--install-extension', vsix, '--force']);
  if (install.status !== 0) throw new Error(`installing the VSIX failed:\n${install.output}`);

  // Exports finish after 20 s of sandbox time, so the status bar poller can be watched at work.
  const sandbox = await startSandbox({ port: await portFrom(8750), seed: 'demo', control: true, exportSeconds: 20 });
  const workspace = join(home, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const server = await startCodeServer({
    state,
    port: await portFrom(8080),
    logFile: join(home, 'code-server.log'),
    env: { CHARGEBEE_DEV_BASE_URL: sandbox.url, CHARGEBEE_DEV_API_KEY: sandbox.apiKey, CHARGEBEE_DEV_LABEL: sandbox.site },
  });
  console.log(`
Chargebee sandbox: ${sandbox.url} (site ${sandbox.site}, key ${sandbox.apiKey}, control API ${sandbox.origin}/__sandbox/)
VS Code (code-server 4.100.3) with the extension installed and the sandbox site configured:

    ${workbenchUrl(server, { folder: workspace })}

Open the Chargebee view in the activity bar. Ctrl-C stops both.`);

  const stop = async (): Promise<void> => {
    await server.close();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
