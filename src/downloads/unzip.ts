import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import { isInside } from './file-names';

export interface UnzipLimits {
  readonly maxEntries: number;
  /** Per entry, uncompressed. */
  readonly maxEntryBytes: number;
  /** All entries together, uncompressed: the zip-bomb ceiling. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = { maxEntries: 1000, maxEntryBytes: 1024 ** 3, maxTotalBytes: 2 * 1024 ** 3 };

/** The archive was refused as unsafe or too big; nothing of it is left on disk. */
export class UnsafeZipError extends Error {
  override readonly name = 'UnsafeZipError';
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Extracts `zipPath` into a new directory `dest` and returns the extracted files' absolute paths.
 * Refuses, as a whole, archives with entries that would land outside `dest` (absolute paths, `..`,
 * backslashes, drive letters), names Windows would turn into something else (see `segmentProblem`),
 * symlinks, encrypted entries, too many entries, or too many bytes. Sizes
 * are checked twice: the header's claim up front, and the bytes actually inflated while streaming, since
 * a header can lie. Everything goes to a staging directory renamed to `dest` at the end, so a refused
 * or broken archive leaves nothing behind.
 */
export async function extractZip(zipPath: string, dest: string, limits: UnzipLimits = DEFAULT_UNZIP_LIMITS): Promise<string[]> {
  const staging = `${dest}.${randomBytes(4).toString('hex')}.part`;
  // Opened first: a corrupt archive fails here, before a staging folder exists to be left behind.
  const zip = await openZip(zipPath);
  try {
    await mkdir(staging, { recursive: false });
  } catch (err) {
    zip.close();
    throw err;
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw new UnsafeZipError(`The archive has ${zip.entryCount} entries; at most ${limits.maxEntries} are extracted.`);
    const relative: string[] = [];
    let total = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const name = checkedName(entry);
      const target = path.join(staging, ...name.split('/'));
      if (!isInside(staging, target)) throw new UnsafeZipError(`The archive entry ${JSON.stringify(entry.fileName)} points outside the target folder.`);
      if (name.endsWith('/')) {
        await mkdir(target, { recursive: true });
        continue;
      }
      if (entry.uncompressedSize > limits.maxEntryBytes || total + entry.uncompressedSize > limits.maxTotalBytes) {
        throw new UnsafeZipError(`The archive entry ${JSON.stringify(name)} is too large to extract.`);
      }
      await mkdir(path.dirname(target), { recursive: true });
      const written = await writeEntry(zip, entry, target, limits, total);
      total += written;
      relative.push(name);
    }
    await rename(staging, dest);
    return relative.map((name) => path.join(dest, ...name.split('/')));
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  } finally {
    zip.close();
  }
}

/** The entry's name if it is a plain relative path with no tricks; yauzl checks too, this is the second lock. */
function checkedName(entry: yauzl.Entry): string {
  const problem = entryProblem(entry);
  if (problem) throw new UnsafeZipError(`The archive entry ${JSON.stringify(entry.fileName)} was refused: ${problem}.`);
  return entry.fileName;
}

// CON, NUL.txt, com1.csv, LPT9.x: Windows opens the device whatever the extension; ¹²³ count as digits there.
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3]|CONIN\$|CONOUT\$)$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;
// Not allowed in Windows names; `:` also names an alternate data stream (`a.csv:x`).
const WINDOWS_RESERVED = /[<>:"|?*]/;

/**
 * Why one path segment is unsafe on some OS the extension runs on, or undefined. The extension runs
 * on Windows too, where a device name opens the device, `a.csv:x` writes a hidden stream of `a.csv`,
 * and a trailing dot or space is dropped (so `a.csv.` overwrites `a.csv`).
 */
export function segmentProblem(segment: string): string | undefined {
  if (CONTROL.test(segment)) return 'a control character in its name';
  if (segment.includes(':')) return 'a ":" in its name (a drive or an alternate data stream on Windows)';
  if (WINDOWS_RESERVED.test(segment)) return 'a character Windows does not allow in names';
  if (/[. ]$/.test(segment)) return 'a name ending in a dot or space';
  if (WINDOWS_DEVICE.test(segment.split('.')[0]?.trimEnd() ?? '')) return 'a Windows device name';
  return undefined;
}

/** Why an entry is refused, or undefined when it is a plain relative file or folder. */
export function entryProblem(entry: Pick<yauzl.Entry, 'fileName' | 'externalFileAttributes' | 'isEncrypted'>): string | undefined {
  const name = entry.fileName;
  if (name === '' || name.includes('\0')) return 'an empty or invalid name';
  if (name.includes('\\')) return 'a backslash in its name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  const parts = name.split('/');
  if (parts.some((part) => part === '..')) return 'a ".." segment';
  // A folder entry ends in "/", which leaves one empty last part; `.` and empty inner parts are harmless.
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    const problem = segmentProblem(part);
    if (problem) return problem;
  }
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) return 'a symbolic link';
  return entry.isEncrypted() ? 'encryption' : undefined;
}

async function writeEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, target: string, limits: UnzipLimits, totalBefore: number): Promise<number> {
  const source = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));
  let bytes = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limits.maxEntryBytes || bytes > entry.uncompressedSize || totalBefore + bytes > limits.maxTotalBytes) {
        done(new UnsafeZipError(`The archive entry ${JSON.stringify(entry.fileName)} inflates to more bytes than allowed or declared.`));
        return;
      }
      done(null, chunk);
    },
  });
  await pipeline(source, guard, createWriteStream(target, { flags: 'wx' }));
  return bytes;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
}

/** The next entry, or undefined at the end; yauzl's event API as a pull. */
function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry): void => (cleanup(), resolve(entry));
    const onEnd = (): void => (cleanup(), resolve(undefined));
    const onError = (err: Error): void => (cleanup(), reject(err));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
