/**
 * Helpers shared by the client tests (their clock is test/support/fake-clock.ts): a log that records
 * lines, and a tiny scripted HTTP server for what the sandbox cannot do (HTTP-date Retry-After, odd bodies, downloads).
 */
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChargebeeLogger } from '../../src/chargebee/client';
import assert from 'node:assert/strict';
import { ChargebeeError } from '../../src/chargebee/errors';

export interface RecordingLog extends ChargebeeLogger {
  readonly lines: string[];
}

export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  const add = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error') };
}

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface ScriptedServer {
  readonly origin: string;
  readonly received: Received[];
  /** Handlers used one per request, in order; the last one repeats. */
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const received: Received[] = [];
  let handlers: Handler[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const handler = handlers.length > 1 ? handlers.shift() : handlers[0];
      if (handler) handler(req, res, body);
      else res.writeHead(500).end('no script');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    script: (...h) => {
      handlers = h;
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

export const html =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html', ...headers }).end('<html><body>Unavailable</body></html>');
  };

/** Destroys the socket without answering. */
export const drop: Handler = (req) => {
  req.socket.destroy();
};

export interface LossyProxy {
  readonly origin: string;
  /** The next `count` responses to `method` requests are dropped after the upstream has answered. */
  loseResponses(count: number, method: string): void;
  close(): Promise<void>;
}

/**
 * A pass-through proxy that can lose a response the upstream already produced: the one failure a
 * sandbox fault cannot stage, and the one idempotency keys exist for.
 */
export async function startLossyProxy(target: string): Promise<LossyProxy> {
  let lose = 0;
  let loseMethod = 'POST';
  const server = createServer((req, res) => {
    const upstream = request(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (up) => {
      if (lose > 0 && req.method === loseMethod) {
        lose--;
        // Read the answer fully so the upstream finishes its work, then hang up on the client.
        up.resume();
        up.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    loseResponses: (count, method) => {
      lose = count;
      loseMethod = method;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The ChargebeeError a request rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<ChargebeeError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ChargebeeError, `expected a ChargebeeError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the request to fail');
}
