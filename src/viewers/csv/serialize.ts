/**
 * Cells back to text for the clipboard: CSV (RFC 4180 quoting) or TSV as spreadsheets paste it (tabs,
 * a cell with a tab, newline or quote in quotes).
 */
export type CopyFormat = 'csv' | 'tsv';

export function serializeCells(rows: readonly (readonly string[])[], format: CopyFormat): string {
  const sep = format === 'csv' ? ',' : '\t';
  const special = format === 'csv' ? /[",\r\n]/ : /["\t\r\n]/;
  const quote = (cell: string): string => (special.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(sep)).join('\r\n');
}
