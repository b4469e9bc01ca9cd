// Starts code-server (VS Code 1.100.3 web workbench + a real Node extension host) the way every tier and
// `npm start` need it: loopback only, no auth, no gallery or telemetry, and all of its state in a folder we
// own, so nothing lands in the home folder and runs never see each other's settings or extensions.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ephemeralPort } from './ports';

export const repoRoot = resolve(__dirname, '../..');
const installDir = join(repoRoot, '.vscode-test/code-server/node_modules/code-server');
const entry = join(installDir, 'out/node/entry.js');

/** Installs code-server through scripts/install-code-server.sh unless it is already there. */
export function ensureCodeServer(): void {
  if (existsSync(entry)) return;
  const result = spawnSync('bash', [join(repoRoot, 'scripts/install-code-server.sh')], { stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(entry)) throw new Error('installing code-server failed');
}

/** Settings that keep a test workbench quiet: no welcome page, tips, update or gallery traffic. */
const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  // The demo and test workspaces live inside this repo's git-ignored folders: don't offer to open the repo.
  'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServerState {
  /** Root of everything below; a fresh temp folder unless given. */
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
}

/** Lays out (or reuses) a state folder: user data with quiet settings, extensions, config, XDG homes. */
export function codeServerState(dir?: string, extensionsDir?: string): CodeServerState {
  const root = dir ?? mkdtempSync(join(tmpdir(), 'cb-code-server-'));
  const state: CodeServerState = {
    dir: root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: extensionsDir ?? join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
  };
  mkdirSync(join(state.userDataDir, 'User'), { recursive: true });
  mkdirSync(state.extensionsDir, { recursive: true });
  const settings = join(state.userDataDir, 'User/settings.json');
  if (!existsSync(settings)) writeFileSync(settings, JSON.stringify(quietSettings, null, 2));
  // Without our own config file the first run writes one into ~/.config/code-server.
  writeFileSync(state.configFile, 'auth: none\ncert: false\n');
  return state;
}

/** The environment code-server (and so the extension host) runs with; `undefined` values are removed. */
function serverEnv(state: CodeServerState, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: join(state.dir, 'xdg-config'),
    XDG_DATA_HOME: join(state.dir, 'xdg-data'),
    ...extra,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

function cliArgs(state: CodeServerState): string[] {
  return ['--config', state.configFile, '--user-data-dir', state.userDataDir, '--extensions-dir', state.extensionsDir];
}

/** Runs a one-shot code-server CLI command (install/list extensions) against a state folder. */
export function codeServerCli(state: CodeServerState, args: string[]): { status: number; output: string } {
  const result = spawnSync(process.execPath, [entry, ...cliArgs(state), ...args], {
    env: serverEnv(state, {}),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

export interface StartOptions {
  state?: CodeServerState;
  /** Extra environment for the server and the extension host; `undefined` removes an inherited variable. */
  env?: Record<string, string | undefined>;
  /** Fixed port (npm start); an ephemeral one otherwise. */
  port?: number;
  /** Server output goes here (appended); it is also kept in memory for error messages. */
  logFile?: string;
}

export interface CodeServer {
  origin: string;
  port: number;
  state: CodeServerState;
  /** Last lines of the server's output, for failure reports. */
  tail(): string;
  close(): Promise<void>;
}

/** Starts code-server and resolves once /healthz answers. Retries on a fresh port if the first one was taken. */
export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  ensureCodeServer();
  const state = options.state ?? codeServerState();
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await ephemeralPort());
    try {
      return await launch(state, port, options);
    } catch (error) {
      lastError = error as Error;
      if (options.port !== undefined) break;
    }
  }
  throw lastError ?? new Error('code-server did not start');
}

async function launch(state: CodeServerState, port: number, options: StartOptions): Promise<CodeServer> {
  const args = [
    entry,
    ...cliArgs(state),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  // Its own process group, so close() also ends the server's forked children (extension host, pty host).
  const child = spawn(process.execPath, args, {
    env: serverEnv(state, options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const collect = (chunk: Buffer): void => {
    log?.write(chunk);
    lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim() !== ''));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const origin = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    origin,
    port,
    state,
    tail: () => lines.slice(-40).join('\n'),
    close: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      log?.end();
    },
  };
  const healthy = await Promise.race([waitForHealth(origin, 60_000), exited.then(() => false)]);
  if (!healthy) {
    await server.close();
    throw new Error(`code-server did not become healthy on ${origin}:\n${server.tail()}`);
  }
  return server;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitForHealth(origin: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

export interface WorkbenchTarget {
  folder: string;
  /** Loads the extension from this folder instead of (or besides) the installed ones. */
  extensionDevelopmentPath?: string;
  /** A compiled module exporting `run(): Promise<void>`; the workbench then reports through codeAutomationExit. */
  extensionTestsPath?: string;
}

/**
 * The workbench URL. code-server's CLI rejects the development flags, but its web workbench reads them
 * from the `payload` query parameter as remote URIs.
 */
export function workbenchUrl(server: CodeServer, target: WorkbenchTarget): string {
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload: [string, string][] = [];
  if (target.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: target.folder });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${query.toString()}`;
}
