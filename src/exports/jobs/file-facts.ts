import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** What a finished export's row and notification say about its files: data rows and the download's size. */
export interface FileFacts {
  /** Data rows over every CSV (each file's header row not counted); undefined when no CSV was read. */
  readonly rows?: number;
  readonly bytes: number;
}

export async function fileFacts(file: string, extracted: readonly string[]): Promise<FileFacts> {
  const bytes = (await stat(file)).size;
  const csvs = extracted.filter((f) => /\.csv$/i.test(f));
  if (csvs.length === 0) return { bytes };
  let rows = 0;
  for (const csv of csvs) rows += Math.max(0, (await countCsvRecords(csv)) - 1);
  return { rows, bytes };
}

/**
 * Records in a CSV, streamed: a newline inside a quoted field does not end a record (RFC 4180 quoting,
 * where `""` is an escaped quote and toggles twice), CRLF counts once, and a last record without a
 * trailing newline counts.
 */
export async function countCsvRecords(file: string): Promise<number> {
  let records = 0;
  let quoted = false;
  let pending = false;
  for await (const chunk of createReadStream(file)) {
    const buf = chunk as Buffer;
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      if (c === 0x22) quoted = !quoted;
      else if (c === 0x0a && !quoted) {
        records++;
        pending = false;
        continue;
      } else if (c === 0x0d) continue;
      pending = true;
    }
  }
  return pending ? records + 1 : records;
}

/** `12,345 rows · 2.4 MB`, `1 row · 812 B`, or just the size. */
export function describeFacts(facts: { readonly rows?: number; readonly bytes?: number }): string {
  const parts: string[] = [];
  if (facts.rows !== undefined) parts.push(`${facts.rows.toLocaleString('en-US')} ${facts.rows === 1 ? 'row' : 'rows'}`);
  if (facts.bytes !== undefined) parts.push(formatBytes(facts.bytes));
  return parts.join(' · ');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
