/**
 * startSandbox(): the contract in docs/architecture.md. Starts a seeded, stateful Chargebee API on
 * Node's http server; tests use port 0 and the in-process `control`.
 */
import type { AddressInfo } from 'node:net';
import { Sandbox, type SandboxControl } from './server';
import type { SeedKind } from './state';

export type { Fault, RecordedRequest, Stats } from './control';
export type { SandboxControl } from './server';

export interface StartSandboxOptions {
  port?: number;
  host?: string;
  apiKey?: string;
  site?: string;
  seed?: SeedKind;
  exportSeconds?: number;
  catalog?: 1 | 2;
  /**
   * Where clients reach the sandbox when that is not `http://host:port` (a proxy, a port forward):
   * download URLs are built on it. Never taken from a request's Host header.
   */
  origin?: string;
  /** The HTTP control API under /__sandbox/; default true in-process (the CLI passes false unless --control). */
  control?: boolean;
}

export interface RunningSandbox {
  /** API base, e.g. http://127.0.0.1:8750/api/v2 */
  url: string;
  /** http://127.0.0.1:8750 */
  origin: string;
  port: number;
  apiKey: string;
  site: string;
  control: SandboxControl;
  close(): Promise<void>;
}

/** Short and obviously fake on purpose: it must never look like a real key. */
export const DEFAULT_API_KEY = 'test_sandbox_key';
export const DEFAULT_SITE = 'acme-test';

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const apiKey = opts.apiKey ?? DEFAULT_API_KEY;
  const site = opts.site ?? DEFAULT_SITE;
  const sandbox = new Sandbox(
    { apiKey, site, seed: opts.seed ?? 'demo', exportSeconds: opts.exportSeconds ?? 30, ...(opts.catalog !== undefined ? { catalog: opts.catalog } : {}) },
    opts.control ?? true,
  );
  const publicOrigin = opts.origin !== undefined ? checkedOrigin(opts.origin) : undefined;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    sandbox.server.once('error', reject);
    sandbox.server.listen(opts.port ?? 0, host, () => {
      sandbox.server.off('error', reject);
      resolve();
    });
  });
  const { port } = sandbox.server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;
  sandbox.origin = publicOrigin ?? origin;
  return {
    url: `${origin}/api/v2`,
    origin,
    port,
    apiKey,
    site,
    control: sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.server.close((err) => (err ? reject(err) : resolve()));
        sandbox.server.closeAllConnections();
      }),
  };
}

/** `http(s)://host[:port]` with nothing after it. */
function checkedOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`origin must be a URL like http://host:port, not ${text}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null' || `${url.origin}/` !== url.href.replace(/\/?$/, '/')) {
    throw new Error(`origin must be http(s)://host[:port] with no path, not ${text}`);
  }
  return url.origin;
}
