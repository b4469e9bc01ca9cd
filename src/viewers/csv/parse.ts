/**
 * CSV text to rows with papaparse (quoted fields, embedded newlines, CRLF; the BOM is gone once bytes
 * are decoded with TextDecoder), a chunk at a time with a pause between chunks, so a 40 MB file never
 * blocks the page and its first rows can be painted while the rest is read. Problems (a broken quote, a
 * row with more or fewer fields than the header) are collected with their row, never fatal: the table
 * shows what could be read and says where the file is malformed. No DOM: also runs in unit tests.
 */
import Papa from 'papaparse';

export interface CsvProblem {
  /** 1-based data row (the header is row 0), as the table's row numbers show it. */
  readonly row: number;
  readonly message: string;
}

export interface ParsedCsv {
  header: string[];
  rows: string[][];
  problems: CsvProblem[];
  /** How many rows have a different number of fields than the header (all counted; `problems` is capped). */
  raggedRows: number;
  delimiter: string;
}

export interface ParseOptions {
  /** Characters per chunk; default 512 KiB. */
  readonly chunkSize?: number;
  /** After each chunk (the first one holds the header): paint what is there. */
  readonly onChunk?: (parsed: ParsedCsv) => void;
  /** What runs between chunks; the page passes a macrotask so it can paint and take input. */
  readonly pause?: () => Promise<void>;
}

/** At most this many problems are listed; the rest are counted. */
export const MAX_PROBLEMS = 100;

export function parseCsv(text: string, options: ParseOptions = {}): Promise<ParsedCsv> {
  const parsed: ParsedCsv = { header: [], rows: [], problems: [], raggedRows: 0, delimiter: ',' };
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  let sawHeader = false;
  const problem = (row: number, message: string): void => {
    if (parsed.problems.length < MAX_PROBLEMS) parsed.problems.push({ row, message });
  };
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(text, {
      header: false,
      skipEmptyLines: true,
      chunkSize: options.chunkSize ?? 512 * 1024,
      worker: false,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        try {
          const data = results.data;
          // The chunk's own row numbers are relative to the chunk; the header row is row 0 of the file.
          const before = parsed.rows.length + (sawHeader ? 1 : 0);
          let start = 0;
          if (!sawHeader && data.length > 0) {
            parsed.header = data[0] ?? [];
            parsed.delimiter = results.meta.delimiter;
            sawHeader = true;
            start = 1;
          }
          const width = parsed.header.length;
          for (let i = start; i < data.length; i++) {
            const row = data[i] ?? [];
            if (row.length !== width) {
              parsed.raggedRows++;
              problem(parsed.rows.length + 1, `has ${row.length} field${row.length === 1 ? '' : 's'}, the header has ${width}`);
            }
            parsed.rows.push(row);
          }
          for (const error of results.errors) {
            if (error.type === 'Delimiter') continue; // a one-column file: not a fault
            problem(before + (error.row ?? 0), error.message.replace(/\.$/, ''));
          }
          options.onChunk?.(parsed);
          parser.pause();
          pause().then(() => parser.resume(), reject);
        } catch (error) {
          parser.abort();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      complete: () => {
        parsed.problems.sort((a, b) => a.row - b.row);
        resolve(parsed);
      },
      error: (error: Error) => reject(error),
    });
  });
}
