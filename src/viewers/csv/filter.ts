/**
 * The filter box: rows whose cell (in one column, or any) contains the text, ignoring case. `order` is
 * the current sort, so the result stays sorted.
 */
export function filterOrder(rows: readonly (readonly string[])[], order: Uint32Array, query: string, column: number | 'all'): Uint32Array {
  const q = query.trim().toLowerCase();
  if (q === '') return order;
  const out = new Uint32Array(order.length);
  let n = 0;
  for (let i = 0; i < order.length; i++) {
    const index = order[i] ?? 0;
    const row = rows[index];
    if (row && matches(row, q, column)) out[n++] = index;
  }
  return out.slice(0, n);
}

function matches(row: readonly string[], q: string, column: number | 'all'): boolean {
  if (column !== 'all') return contains(row[column], q);
  for (const cell of row) if (contains(cell, q)) return true;
  return false;
}

function contains(cell: string | undefined, q: string): boolean {
  return cell !== undefined && cell.length >= q.length && cell.toLowerCase().includes(q);
}
