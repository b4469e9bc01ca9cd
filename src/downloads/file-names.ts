import { access } from 'node:fs/promises';
import * as path from 'node:path';

/** Names Windows refuses for a file whatever the extension; harmless elsewhere, avoided everywhere. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_PART = 60;

/**
 * One safe file-name part: ASCII letters, digits, `-` and `_` only (everything else becomes `-`),
 * no leading dots or dashes, at most 60 characters, never empty or a reserved device name. Used for
 * every piece of a name that came from the API, so a hostile id can't steer a path.
 */
export function safeNamePart(raw: string, fallback = 'export'): string {
  const cleaned = raw
    .normalize('NFKD')
    // Accents come apart under NFKD; dropping the marks keeps `é` as `e` instead of `-`.
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, MAX_PART)
    .replace(/[-_]+$/g, '');
  if (cleaned === '' || RESERVED.test(cleaned)) return fallback;
  return cleaned;
}

/** Extensions we write; anything else the server claims is stored as `.bin` rather than trusted. */
const EXTENSIONS: Readonly<Record<string, string>> = { zip: 'zip', 'application/zip': 'zip', pdf: 'pdf', 'application/pdf': 'pdf' };

export function extensionFor(mimeType: string | undefined): string {
  return EXTENSIONS[(mimeType ?? 'zip').toLowerCase()] ?? 'bin';
}

/** `customers-5SK0b8q3-2026-11-21-0536.zip`: from kind, export id and (UTC) date, never from the URL or headers. */
export function exportFileName(kind: string, exportId: string, date: Date, mimeType: string | undefined): string {
  const stamp = date.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  return `${safeNamePart(kind)}-${safeNamePart(exportId, 'id')}-${stamp}.${extensionFor(mimeType)}`;
}

/** `name`, or `name-2`, `name-3` ... before the extension: the first that doesn't exist in `dir`. */
export async function uniquePath(dir: string, fileName: string): Promise<string> {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(dir, n === 1 ? fileName : `${stem}-${n}${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`Too many files named like ${fileName} in the download folder.`);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** True when `target` is `dir` itself or inside it, after resolving `..` and separators. */
export function isInside(dir: string, target: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(target));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
