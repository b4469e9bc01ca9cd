/**
 * The rules a download link and its body must meet before a byte counts: every hop of a redirect is
 * https (plain http only to this machine, for the local sandbox), and a body is complete only when
 * its framing says so. A body that declares a length must deliver exactly that many bytes; one that
 * ends early, errors or stays silent too long fails, so the caller's temporary file is dropped.
 */
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { ChargebeeError } from './errors';
import { isLoopbackHost } from './site-url';

/** Browsers stop at 20; a presigned link takes at most one or two. */
export const MAX_DOWNLOAD_REDIRECTS = 5;

/** No byte for this long ends a download; the `chargebee.downloads.idleTimeoutSeconds` default. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/** The body went wrong after the answer arrived; the caller's partial file is dropped. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
}

/** A link or answer refused before any byte is read; a retry of the same request would be refused again. */
export function downloadRefused(message: string): ChargebeeError {
  return new ChargebeeError({ kind: 'non_json', message, httpStatus: 0, apiErrorCode: 'download_refused', retryable: false });
}

/** Why a URL may not be fetched, or undefined. The host is named; the rest of the URL is a credential. */
export function downloadUrlProblem(url: string): string | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'The download link is not a valid URL.';
  }
  if (target.protocol === 'https:') return undefined;
  if (target.protocol === 'http:' && isLoopbackHost(target.hostname)) return undefined;
  return `Refusing to download over plain http from a host that is not this machine (${target.hostname}).`;
}

export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** The next hop of a redirect from `from`, held to the same rule as the first URL. */
export function redirectTarget(from: string, location: string | null, hopsSoFar: number): string {
  if (hopsSoFar >= MAX_DOWNLOAD_REDIRECTS) throw downloadRefused(`The download was redirected more than ${MAX_DOWNLOAD_REDIRECTS} times; stopped.`);
  if (location === null || location === '') throw downloadRefused('The download was redirected without a target.');
  let next: string;
  try {
    next = new URL(location, from).href;
  } catch {
    throw downloadRefused('The download was redirected to an invalid URL.');
  }
  const problem = downloadUrlProblem(next);
  if (problem !== undefined) throw downloadRefused(`The download was redirected. ${problem}`);
  return next;
}

export interface BodyFraming {
  /** The byte count the body must reach, from Content-Length when the bytes are not re-encoded. */
  readonly expectedBytes?: number;
}

/**
 * How the end of the body will be known. A body with neither Content-Length nor chunked framing ends
 * when the connection closes, which a dropped connection does too: such a body is refused.
 */
export function bodyFraming(headers: { get(name: string): string | null }): BodyFraming {
  const length = headers.get('content-length');
  const chunked = /\bchunked\b/i.test(headers.get('transfer-encoding') ?? '');
  // A compressed body is decoded on the way in, so its length is not the decoded count; the decoder
  // fails on its own when the compressed stream is cut short.
  const encoded = !/^(identity)?$/i.test((headers.get('content-encoding') ?? '').trim());
  if (length !== null && /^\d+$/.test(length.trim())) return encoded ? {} : { expectedBytes: Number(length.trim()) };
  if (chunked || encoded) return {};
  throw downloadRefused('The server sent the file without a length or chunked framing, so a cut-off file could not be told from a whole one; not downloaded.');
}

export interface CheckedBodyOptions extends BodyFraming {
  readonly idleTimeoutMs: number;
}

/**
 * `source` through a counting pass-through that fails when the source errors or ends short of (or
 * past) `expectedBytes`, or no byte arrives for `idleTimeoutMs` while the reader is ready for more.
 * Cancellation (an AbortError) passes through unchanged; destroying the result destroys the source.
 */
export function checkedBody(source: Readable, options: CheckedBodyOptions): Readable {
  const expected = options.expectedBytes;
  const idleMs = options.idleTimeoutMs;
  let bytes = 0;
  // One timer per idle period, not one per chunk: each chunk only stamps the time (1 GiB is ~16,000 chunks).
  let lastDataAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const of = (): string => (expected === undefined ? `${bytes} bytes` : `${bytes} of ${expected} bytes`);
  const body = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      bytes += chunk.length;
      lastDataAt = Date.now();
      if (expected !== undefined && bytes > expected) {
        done(new DownloadError(`The download sent more bytes than it announced (${of()}); not saved.`));
        return;
      }
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      disarm();
      if (expected !== undefined && bytes !== expected) done(new DownloadError(`The download ended early, after ${of()}; not saved.`));
      else done();
    },
    destroy(err: Error | null, done: (error: Error | null) => void) {
      disarm();
      source.destroy();
      done(err);
    },
  });
  function disarm(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }
  function arm(delay: number): void {
    timer = setTimeout(check, delay);
    // A stalled download must not keep a closing extension host (or a test run) alive.
    timer.unref();
  }
  function check(): void {
    const quiet = Date.now() - lastDataAt;
    // A full buffer means the reader (the disk) is behind, not the server: wait on.
    const readerBehind = body.readableLength >= body.readableHighWaterMark || source.isPaused();
    if (readerBehind) lastDataAt = Date.now();
    if (readerBehind || quiet < idleMs) return arm(readerBehind ? idleMs : idleMs - quiet);
    body.destroy(new DownloadError(`The download stalled: no data for ${Math.round(idleMs / 1000)} s, after ${of()}; not saved.`));
  }
  source.once('error', (err: Error) => {
    body.destroy(err.name === 'AbortError' ? err : new DownloadError(`The download was cut off after ${of()}; not saved.`, { cause: err }));
  });
  arm(idleMs);
  source.pipe(body);
  return body;
}
