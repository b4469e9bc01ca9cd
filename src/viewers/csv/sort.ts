/**
 * Sorting a table's rows by one column: an index array is sorted, the rows never move. Typed columns
 * compare precomputed keys (a Float64Array), text compares with a collator that reads digits as numbers
 * (INV-9 before INV-10). Empty cells go last in both directions; ties keep file order (stable).
 */
import { columnKeys, detectColumnType, type ColumnType } from './column-types';

export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export interface SortCache {
  types: Map<number, ColumnType>;
  keys: Map<number, Float64Array>;
}

export function newSortCache(): SortCache {
  return { types: new Map(), keys: new Map() };
}

export function columnType(rows: readonly (readonly string[])[], column: number, cache: SortCache): ColumnType {
  let type = cache.types.get(column);
  if (type === undefined) {
    type = detectColumnType(rows, column);
    cache.types.set(column, type);
  }
  return type;
}

/** Row indexes 0..n-1 in the order of `column`. */
export function sortedOrder(rows: readonly (readonly string[])[], column: number, direction: SortDirection, cache: SortCache): Uint32Array {
  const order = new Uint32Array(rows.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const sign = direction === 'asc' ? 1 : -1;
  const type = columnType(rows, column, cache);
  if (type === 'text') {
    order.sort((a, b) => {
      const x = rows[a]?.[column] ?? '';
      const y = rows[b]?.[column] ?? '';
      if (x === '' || y === '') return x === y ? a - b : x === '' ? 1 : -1;
      return sign * collator.compare(x, y) || a - b;
    });
    return order;
  }
  let keys = cache.keys.get(column);
  if (!keys) {
    keys = columnKeys(rows, column, type);
    cache.keys.set(column, keys);
  }
  const k = keys;
  order.sort((a, b) => {
    const x = k[a] ?? NaN;
    const y = k[b] ?? NaN;
    const xn = Number.isNaN(x);
    const yn = Number.isNaN(y);
    if (xn || yn) return xn && yn ? a - b : xn ? 1 : -1;
    return sign * (x - y) || a - b;
  });
  return order;
}
