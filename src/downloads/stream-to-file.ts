import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StreamProgress {
  readonly bytes: number;
  /** From Content-Length when the server sent one. */
  readonly totalBytes?: number;
}

export interface StreamToFileOptions {
  readonly signal?: AbortSignal;
  readonly totalBytes?: number;
  readonly maxBytes?: number;
  readonly onProgress?: (progress: StreamProgress) => void;
}

/** A ceiling on any one download, so a wrong link can't fill the disk. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 2 * 1024 ** 3;

/**
 * Streams `body` into `target` through a temporary file beside it, renamed into place only when every
 * byte has arrived, so a cancelled or broken download never leaves a truncated file under the real name.
 */
export async function streamToFile(body: AsyncIterable<Uint8Array | string>, target: string, options: StreamToFileOptions = {}): Promise<number> {
  const temp = `${target}.${randomBytes(4).toString('hex')}.part`;
  const max = options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > max) {
        done(new Error(`The download is larger than the ${Math.round(max / 1024 ** 2)} MB limit.`));
        return;
      }
      options.onProgress?.({ bytes, totalBytes: options.totalBytes });
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(body), counter, createWriteStream(temp, { flags: 'wx' }), { signal: options.signal });
    await rename(temp, target);
    return bytes;
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
