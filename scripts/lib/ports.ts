// Port helpers for servers that cannot bind port 0 and report back (code-server takes a fixed --bind-addr).
import { createServer } from 'node:net';

/** Resolves whether `port` can be bound on `host` right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** An ephemeral port the OS just handed out; free at return, so bind it soon. */
export function ephemeralPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** `preferred` if free, else the next free one among the following `tries` ports (for `npm start`'s fixed ports). */
export async function portFrom(preferred: number, host = '127.0.0.1', tries = 50): Promise<number> {
  for (let port = preferred; port < preferred + tries; port++) {
    if (await isPortFree(port, host)) return port;
  }
  throw new Error(`no free port in ${preferred}-${preferred + tries - 1}`);
}
