/** Reading a request body with the 1 MB cap (413 beyond it). */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

/** The client hung up before its body ended; nothing is left to answer. */
export class ClientGone extends Error {}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      // Keep reading (and discarding) so the client can finish sending and read our 413.
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    // Chunked bodies have no content-length, so the cap is enforced while reading too.
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
    // Without this a half-sent body would leave the request pending for good.
    req.on('close', () => {
      if (!failed && !req.complete) reject(new ClientGone());
    });
  });
}
