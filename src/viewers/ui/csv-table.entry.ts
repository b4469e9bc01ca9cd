/**
 * The CSV table page. Test and bench hooks: data-testid grid, filter, filter-column, row-count,
 * sort-<column>, copy-csv, copy-tsv, open-as-text, problems, viewer-message; <body> data-ready-at,
 * data-painted-at (first rows painted) and data-parsed-at (whole file read), data-sort-ms (last sort,
 * from the click to the sorted rows painted).
 */
import { filterOrder } from '../csv/filter';
import { parseCsv, type ParsedCsv } from '../csv/parse';
import { serializeCells } from '../csv/serialize';
import { newSortCache, sortedOrder, type SortDirection } from '../csv/sort';
import type { HostToViewer } from '../protocol';
import { Grid, type GridSource } from './csv-grid';
import { action, button, el, fileActions, mark, onHostMessage, post, showMessage } from './host';

const numberFormat = new Intl.NumberFormat('en-US');

interface TableState {
  parsed: ParsedCsv;
  done: boolean;
  malformed: Set<number>;
  /** All rows in sort order (identity until sorted). */
  order: Uint32Array;
  /** `order` after the filter. */
  view: Uint32Array;
  sort: { column: number; direction: SortDirection } | undefined;
  query: string;
  column: number | 'all';
}

let generation = 0;

function identity(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function sourceOf(state: TableState): GridSource {
  const { parsed, view } = state;
  return {
    header: parsed.header,
    viewLength: view.length,
    cell: (r, c) => parsed.rows[view[r] ?? 0]?.[c] ?? '',
    rowNumber: (r) => (view[r] ?? 0) + 1,
    isMalformed: (r) => state.malformed.has((view[r] ?? 0) + 1),
    sortOf: (c) => (state.sort?.column === c ? state.sort.direction : undefined),
  };
}

/** The table on the page now (the whole file replaces its head, a changed file the table): page-wide keys go to it. */
let active: { filter: HTMLInputElement; grid: Grid } | undefined;

document.addEventListener('keydown', (e) => {
  if (active && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
    e.preventDefault();
    active.filter.focus();
    active.filter.select();
  }
});
// The webview gets focus when its editor does; hand it to the table (it is never taken on open).
window.addEventListener('focus', () => {
  if (active && document.activeElement === document.body) active.grid.focus();
});

/** Once per page: the first bytes (head) or the whole file, whichever arrives first. */
let firstBytes = true;

function load(message: Extract<HostToViewer, { type: 'load' | 'head' }>): void {
  const mine = ++generation;
  const head = message.type === 'head';
  if (firstBytes) mark('loaded');
  firstBytes = false;
  // TextDecoder drops a UTF-8 BOM; a byte that is not UTF-8 shows as U+FFFD rather than failing.
  let text = new TextDecoder('utf-8').decode(message.bytes);
  // The head may end inside a row (or a character): cut it at its last line break; the row that
  // line break might sit in (a quoted newline) is dropped below, when the whole file replaces it.
  if (head) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  if (text.trim() === '') {
    showMessage(`${message.name} is empty`, 'The file has no rows, not even a header.', [fileActions({ canOpenExternally: message.canOpenExternally, openAsText: true })]);
    return;
  }
  const app = document.getElementById('app');
  if (!app) return;
  // The whole file replacing its head keeps the place the user scrolled to meanwhile.
  const previous = document.querySelector('.grid-scroller');
  const scroll = previous ? { top: previous.scrollTop, left: previous.scrollLeft } : undefined;
  const toolbar = el('div', 'toolbar');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Table');
  const filter = el('input', 'filter');
  filter.type = 'search';
  filter.placeholder = 'Filter rows';
  filter.setAttribute('aria-label', 'Filter rows (Ctrl+F)');
  filter.dataset.testid = 'filter';
  filter.disabled = true;
  const columnPick = el('select', 'filter-column');
  columnPick.setAttribute('aria-label', 'Filter in column');
  columnPick.dataset.testid = 'filter-column';
  columnPick.disabled = true;
  const count = el('span', 'row-count');
  count.setAttribute('role', 'status');
  count.setAttribute('aria-live', 'polite');
  count.dataset.testid = 'row-count';
  const copyGroup = el('div', 'group');
  copyGroup.setAttribute('role', 'group');
  copyGroup.setAttribute('aria-label', 'Copy');
  const problems = el('div', 'problems');
  problems.dataset.testid = 'problems';
  problems.setAttribute('role', 'note');
  problems.hidden = true;

  const state: TableState = { parsed: { header: [], rows: [], problems: [], raggedRows: 0, delimiter: ',' }, done: false, malformed: new Set(), order: new Uint32Array(0), view: new Uint32Array(0), sort: undefined, query: '', column: 'all' };
  const sortCache = newSortCache();
  const grid = new Grid(sourceOf(state), {
    sort: (column, direction) => sortBy(column, direction),
    copy: (format) => copySelection(format),
    find: () => filter.focus(),
  }, `${message.name}, a table`);
  grid.onFirstPaint = () => {
    if (document.body.dataset.paintedAt === undefined) mark('painted');
  };

  const showCount = (): void => {
    const total = state.parsed.rows.length;
    const shown = state.view.length;
    const rows = `${numberFormat.format(shown)} of ${numberFormat.format(total)} rows`;
    count.textContent = state.done ? rows : `Reading… ${numberFormat.format(total)} rows so far`;
  };

  const refresh = (measure = false): void => {
    grid.setSource(sourceOf(state), { measure });
    showCount();
  };

  const applyFilter = (): void => {
    state.view = filterOrder(state.parsed.rows, state.order, state.query, state.column);
    refresh();
  };

  function sortBy(column: number, direction?: SortDirection): void {
    if (!state.done) return;
    const started = performance.now();
    const current = state.sort?.column === column ? state.sort.direction : undefined;
    const next: SortDirection | undefined = direction ?? (current === undefined ? 'asc' : current === 'asc' ? 'desc' : undefined);
    state.sort = next === undefined ? undefined : { column, direction: next };
    state.order = next === undefined ? identity(state.parsed.rows.length) : sortedOrder(state.parsed.rows, column, next, sortCache);
    applyFilter();
    requestAnimationFrame(() => {
      document.body.dataset.sortMs = String(Math.round(performance.now() - started));
    });
  }

  function copySelection(format: 'csv' | 'tsv', withHeader = false): void {
    const sel = grid.selection();
    const cells: string[][] = [];
    if (withHeader) cells.push(state.parsed.header.slice(sel.left, sel.right + 1));
    for (let r = sel.top; r <= sel.bottom; r++) {
      const row = state.parsed.rows[state.view[r] ?? 0] ?? [];
      const out: string[] = [];
      for (let c = sel.left; c <= sel.right; c++) out.push(row[c] ?? '');
      cells.push(out);
    }
    const n = sel.bottom - sel.top + 1;
    const m = sel.right - sel.left + 1;
    post({ type: 'copy', text: serializeCells(cells, format), what: `${n === 1 && m === 1 ? 'a cell' : `${numberFormat.format(n)} × ${m} cells`} as ${format.toUpperCase()}` });
  }

  let filterTimer: ReturnType<typeof setTimeout> | undefined;
  filter.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => {
      state.query = filter.value;
      applyFilter();
    }, 150);
  });
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && filter.value !== '') {
      filter.value = '';
      state.query = '';
      applyFilter();
    } else if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'Escape') {
      e.preventDefault();
      grid.focus();
    }
  });
  columnPick.addEventListener('change', () => {
    state.column = columnPick.value === 'all' ? 'all' : Number(columnPick.value);
    applyFilter();
  });

  copyGroup.append(
    button('Copy as CSV', () => copySelection('csv', true), { testId: 'copy-csv', title: 'Copy the selected cells with their column names as CSV (Ctrl+Shift+C copies without names)' }),
    button('Copy as TSV', () => copySelection('tsv', true), { testId: 'copy-tsv', title: 'Copy the selected cells with their column names as TSV, for spreadsheets (Ctrl+C copies without names)' }),
  );
  toolbar.append(filter, columnPick, count, copyGroup, fileActions({ canOpenExternally: message.canOpenExternally, openAsText: true }));
  app.replaceChildren(toolbar, problems, grid.element);
  app.setAttribute('aria-busy', 'true');
  active = { filter, grid };

  const showProblems = (): void => {
    const { problems: list, raggedRows } = state.parsed;
    if (list.length === 0) return;
    const first = list[0];
    const quoteProblems = list.filter((p) => !p.message.startsWith('has ')).length;
    const parts: string[] = [];
    if (raggedRows > 0) parts.push(`${numberFormat.format(raggedRows)} row${raggedRows === 1 ? ' has' : 's have'} a different number of fields than the header`);
    if (quoteProblems > 0) parts.push(`${quoteProblems} quoting problem${quoteProblems === 1 ? '' : 's'}`);
    const detail = list.slice(0, 5).map((p) => `row ${numberFormat.format(p.row)}${p.message.startsWith('has ') ? ` ${p.message}` : `: ${p.message}`}`).join('; ');
    problems.replaceChildren(
      el('strong', undefined, 'This file is malformed: '),
      el('span', undefined, `${parts.join(' and ')}. Shown as read; ${detail}${list.length > 5 ? '; …' : ''}.`),
    );
    if (first) {
      problems.append(
        button(`Go to Row ${numberFormat.format(first.row)}`, () => {
          const at = state.view.indexOf(first.row - 1);
          if (at >= 0) grid.goToRow(at);
        }, { testId: 'go-to-problem' }),
      );
    }
    problems.hidden = false;
  };

  let measured = false;
  parseCsv(text, {
    onChunk: (parsed) => {
      if (mine !== generation) return;
      state.parsed = parsed;
      const n = parsed.rows.length;
      state.order = identity(n);
      state.view = state.order;
      refresh(!measured);
      if (!measured && scroll) grid.scrollTo(scroll.top, scroll.left);
      measured = true;
    },
  }).then(
    (parsed) => {
      if (mine !== generation || head) return;
      state.parsed = parsed;
      state.done = true;
      state.malformed = new Set(parsed.problems.map((p) => p.row));
      state.order = identity(parsed.rows.length);
      state.view = state.order;
      columnPick.replaceChildren(new Option('All columns', 'all'), ...parsed.header.map((h, i) => new Option(h === '' ? `Column ${i + 1}` : h, String(i))));
      filter.disabled = false;
      columnPick.disabled = false;
      app.setAttribute('aria-busy', 'false');
      refresh();
      showProblems();
      mark('parsed');
    },
    (error: unknown) => {
      showMessage(`Could not read ${message.name}`, error instanceof Error ? error.message : String(error), [button('Open as Text', () => action('openAsText'))]);
    },
  );
}

function formatSize(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

onHostMessage((message) => {
  if (message.type === 'load' || message.type === 'head') load(message);
  else if (message.type === 'tooLarge') {
    generation++;
    showMessage(
      `${message.name} is too large for the table`,
      `It is ${formatSize(message.size)}; the table opens files up to ${formatSize(message.limit)} (setting chargebee.viewers.csvMaxFileSizeMB), because it holds every cell in memory. It can be read as text.`,
      [button('Open as Text', () => action('openAsText'), { testId: 'open-as-text' })],
    );
  } else {
    generation++;
    showMessage(`Could not open ${message.name}`, message.message);
  }
});
mark('ready');
post({ type: 'ready' });
