import assert from 'node:assert/strict';
import { dateKey, detectColumnType, moneyKey, numberKey } from '../../src/viewers/csv/column-types';
import { filterOrder } from '../../src/viewers/csv/filter';
import { MAX_PROBLEMS, parseCsv } from '../../src/viewers/csv/parse';
import { serializeCells } from '../../src/viewers/csv/serialize';
import { newSortCache, sortedOrder } from '../../src/viewers/csv/sort';

const immediate = (): Promise<void> => Promise.resolve();

describe('CSV table: parsing', () => {
  it('reads quoted fields, doubled quotes, embedded newlines and CRLF, in chunks', async () => {
    const lines = ['id,name,note'];
    for (let i = 0; i < 2000; i++) lines.push(`${i},"Name, ${i}","say ""hi""\nline two"`);
    let chunks = 0;
    const parsed = await parseCsv(`${lines.join('\r\n')}\r\n`, { chunkSize: 4096, pause: immediate, onChunk: () => chunks++ });
    assert.deepEqual(parsed.header, ['id', 'name', 'note']);
    assert.equal(parsed.rows.length, 2000);
    assert.deepEqual(parsed.rows[1999], ['1999', 'Name, 1999', 'say "hi"\nline two']);
    assert.ok(chunks > 10, `parsed in chunks (${chunks})`);
    assert.deepEqual(parsed.problems, []);
  });

  it('says which rows are ragged and where a quote is left open, and keeps every row it could read', async () => {
    const parsed = await parseCsv('a,b,c\r\n1,2,3\r\n4,5\r\n6,7,8,9\r\n10,11,"open\r\n', { pause: immediate });
    assert.equal(parsed.rows.length, 4);
    assert.equal(parsed.raggedRows, 2);
    assert.deepEqual(parsed.problems.map((p) => p.row), [2, 3, 4]);
    assert.match(parsed.problems[0]?.message ?? '', /has 2 fields, the header has 3/);
    assert.ok(parsed.problems.some((p) => p.row === 4 && /Quoted field unterminated/.test(p.message)));
  });

  it('lists at most MAX_PROBLEMS problems but counts every ragged row', async () => {
    const text = ['a,b', ...Array.from({ length: MAX_PROBLEMS + 50 }, () => 'x')].join('\n');
    const parsed = await parseCsv(text, { pause: immediate });
    assert.equal(parsed.problems.length, MAX_PROBLEMS);
    assert.equal(parsed.raggedRows, MAX_PROBLEMS + 50);
  });

  it('detects a semicolon delimiter', async () => {
    const parsed = await parseCsv('a;b\n1;2\n3;4\n', { pause: immediate });
    assert.equal(parsed.delimiter, ';');
    assert.deepEqual(parsed.rows, [['1', '2'], ['3', '4']]);
  });
});

describe('CSV table: column types and sort', () => {
  it('reads numbers, money and dates as such, and nothing else', () => {
    assert.equal(numberKey('1,234.5'), 1234.5);
    assert.equal(numberKey('-2e3'), -2000);
    assert.ok(Number.isNaN(numberKey('12 apples')));
    assert.equal(moneyKey('$1,234.56'), 1234.56);
    assert.equal(moneyKey('USD 12.00'), 12);
    assert.equal(moneyKey('12.00 EUR'), 12);
    assert.equal(moneyKey('(15.00)'), -15);
    assert.ok(Number.isNaN(moneyKey('about 12')));
    assert.equal(dateKey('2024-01-31'), dateKey('2024-01-31 00:00:00'));
    assert.ok(dateKey('2024-02-01') > dateKey('2024-01-31 23:59'));
    assert.ok(dateKey('31-Jan-2024') < dateKey('1-Feb-2024'));
    assert.ok(Number.isNaN(dateKey('next tuesday')));
  });

  it('types a column only when every non-empty cell parses', () => {
    const rows = [['10', '$5.00', '2024-01-02', 'x'], ['', '$12.50', '', 'y'], ['9.5', 'USD 1,000.00', '2023-12-31', '3']];
    assert.equal(detectColumnType(rows, 0), 'number');
    assert.equal(detectColumnType(rows, 1), 'money');
    assert.equal(detectColumnType(rows, 2), 'date');
    assert.equal(detectColumnType(rows, 3), 'text');
    assert.equal(detectColumnType([...rows, ['n/a', '', '', '']], 0), 'text', 'one word makes it text');
  });

  it('sorts numbers numerically, money and dates by value, text with digits read as numbers; empty cells last; stable', () => {
    const rows = [['10', '$5.00', '2024-01-02', 'INV-10'], ['', '$12.50', '', 'INV-9'], ['9', '(3.00)', '2023-12-31', 'inv-9'], ['10', '$1,000.00', '2024-01-01', '']];
    const cache = newSortCache();
    assert.deepEqual([...sortedOrder(rows, 0, 'asc', cache)], [2, 0, 3, 1]);
    assert.deepEqual([...sortedOrder(rows, 0, 'desc', cache)], [0, 3, 2, 1], 'ties keep file order, empty last');
    assert.deepEqual([...sortedOrder(rows, 1, 'asc', cache)], [2, 0, 1, 3]);
    assert.deepEqual([...sortedOrder(rows, 2, 'asc', cache)], [2, 3, 0, 1]);
    assert.deepEqual([...sortedOrder(rows, 3, 'asc', cache)], [1, 2, 0, 3]);
  });

  it('sorts 100,000 rows by a numeric column in well under a second', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [String((i * 7919) % 100_003), 'x']);
    const started = performance.now();
    const order = sortedOrder(rows, 0, 'asc', newSortCache());
    const ms = performance.now() - started;
    for (let i = 1; i < order.length; i++) assert.ok(Number(rows[order[i - 1] ?? 0]?.[0]) <= Number(rows[order[i] ?? 0]?.[0]));
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  });
});

describe('CSV table: filter and copy', () => {
  const rows = [['1', 'Ann', 'ann@acme.example'], ['2', 'Bob', 'bob@globex.example'], ['3', 'Annika', 'a@initech.example']];
  const all = Uint32Array.from([0, 1, 2]);

  it('keeps rows whose cell contains the text, ignoring case, in any column or one, in the current order', () => {
    assert.deepEqual([...filterOrder(rows, all, 'ANN', 'all')], [0, 2]);
    assert.deepEqual([...filterOrder(rows, Uint32Array.from([2, 1, 0]), 'ann', 'all')], [2, 0]);
    assert.deepEqual([...filterOrder(rows, all, 'acme', 1)], []);
    assert.deepEqual([...filterOrder(rows, all, 'acme', 2)], [0]);
    assert.equal(filterOrder(rows, all, '  ', 'all'), all);
  });

  it('copies as CSV with RFC 4180 quoting and as TSV for spreadsheets', () => {
    const cells = [['a', 'b,c', 'say "hi"'], ['tab\there', 'line\nbreak', '']];
    assert.equal(serializeCells(cells, 'csv'), 'a,"b,c","say ""hi"""\r\ntab\there,"line\nbreak",');
    assert.equal(serializeCells(cells, 'tsv'), 'a\tb,c\t"say ""hi"""\r\n"tab\there"\t"line\nbreak"\t');
  });
});
