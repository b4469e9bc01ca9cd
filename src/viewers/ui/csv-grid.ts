/**
 * The virtualised grid: only the rows and columns in view (plus a margin) exist in the DOM, so 100,000
 * rows of 40 columns scroll like 40. One big sized canvas inside a scroller; the header row is sticky at
 * the top and the row-number column sticky at the left; rows are absolutely placed. Selection is a
 * rectangle of view rows x columns (anchor and active cell); keyboard as in a spreadsheet.
 */
import { el } from './host';

export const ROW_HEIGHT = 22;
export const HEADER_HEIGHT = 26;
const OVERSCAN_ROWS = 8;
const OVERSCAN_PX = 200;
const MIN_WIDTH = 40;

export interface GridSource {
  readonly header: readonly string[];
  /** Rows in view order (filtered and sorted). */
  readonly viewLength: number;
  cell(viewRow: number, column: number): string;
  /** The row's number in the file (1-based), shown at the left. */
  rowNumber(viewRow: number): number;
  isMalformed(viewRow: number): boolean;
  sortOf(column: number): 'asc' | 'desc' | undefined;
}

export interface GridEvents {
  /** Without a direction: the header click's cycle (ascending, descending, file order). */
  sort(column: number, direction?: 'asc' | 'desc'): void;
  copy(format: 'csv' | 'tsv'): void;
  /** Ctrl+F in the grid. */
  find(): void;
}

export interface Selection {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export class Grid {
  readonly element: HTMLDivElement;
  private readonly scroller: HTMLDivElement;
  private readonly canvas: HTMLDivElement;
  private readonly headerRow: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private widths: number[] = [];
  private offsets: number[] = [0];
  private rowNumberWidth = 56;
  private frame = 0;
  private anchor = { row: 0, col: 0 };
  private active = { row: 0, col: 0 };
  private painted = false;
  onFirstPaint: (() => void) | undefined;

  constructor(
    private source: GridSource,
    private readonly events: GridEvents,
    label: string,
  ) {
    this.element = el('div', 'grid');
    this.scroller = el('div', 'grid-scroller');
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'grid');
    this.scroller.setAttribute('aria-label', label);
    this.scroller.setAttribute('aria-multiselectable', 'true');
    this.scroller.dataset.testid = 'grid';
    this.canvas = el('div', 'grid-canvas');
    this.headerRow = el('div', 'grid-row grid-header');
    this.headerRow.setAttribute('role', 'row');
    this.headerRow.setAttribute('aria-rowindex', '1');
    this.body = el('div', 'grid-body');
    this.body.setAttribute('role', 'rowgroup');
    this.canvas.append(this.headerRow, this.body);
    this.scroller.append(this.canvas);
    this.element.append(this.scroller);
    this.scroller.addEventListener('scroll', () => this.schedule());
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.scroller.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.scroller.addEventListener('copy', (e) => {
      e.preventDefault();
      this.events.copy('tsv');
    });
  }

  /** New data or a new view (sort, filter): keeps widths, clamps the selection, repaints. */
  setSource(source: GridSource, opts: { measure?: boolean } = {}): void {
    this.source = source;
    if (opts.measure === true || this.widths.length !== source.header.length) this.measure();
    const last = Math.max(0, source.viewLength - 1);
    this.active = { row: Math.min(this.active.row, last), col: Math.min(this.active.col, source.header.length - 1) };
    this.anchor = { row: Math.min(this.anchor.row, last), col: Math.min(this.anchor.col, source.header.length - 1) };
    this.layout();
    this.render();
  }

  scrollTo(top: number, left: number): void {
    this.scroller.scrollTop = top;
    this.scroller.scrollLeft = left;
  }

  focus(): void {
    this.scroller.focus({ preventScroll: true });
  }

  selection(): Selection {
    return {
      top: Math.min(this.anchor.row, this.active.row),
      bottom: Math.max(this.anchor.row, this.active.row),
      left: Math.min(this.anchor.col, this.active.col),
      right: Math.max(this.anchor.col, this.active.col),
    };
  }

  selectAll(): void {
    this.anchor = { row: 0, col: 0 };
    this.active = { row: Math.max(0, this.source.viewLength - 1), col: this.source.header.length - 1 };
    this.render();
  }

  goToRow(viewRow: number): void {
    this.anchor = { row: viewRow, col: 0 };
    this.active = { row: viewRow, col: 0 };
    this.reveal();
    this.focus();
  }

  /** Column widths from the header and the first rows' text (about 7 px a character, 60 to 360 px). */
  private measure(): void {
    const n = this.source.header.length;
    const sample = Math.min(this.source.viewLength, 200);
    this.widths = Array.from({ length: n }, (_, c) => {
      let chars = (this.source.header[c] ?? '').length + 3;
      for (let r = 0; r < sample; r++) chars = Math.max(chars, Math.min(60, this.source.cell(r, c).length));
      return Math.max(60, Math.min(360, Math.round(chars * 7.2 + 16)));
    });
    this.rowNumberWidth = Math.max(48, String(this.source.viewLength).length * 8 + 24);
  }

  private layout(): void {
    this.offsets = [0];
    for (const w of this.widths) this.offsets.push((this.offsets.at(-1) ?? 0) + w);
    const width = this.rowNumberWidth + (this.offsets.at(-1) ?? 0);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${HEADER_HEIGHT + this.source.viewLength * ROW_HEIGHT}px`;
    this.scroller.setAttribute('aria-rowcount', String(this.source.viewLength + 1));
    this.scroller.setAttribute('aria-colcount', String(this.source.header.length + 1));
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** The first and last column whose box meets [left, right) of the data area. */
  private columnRange(left: number, right: number): [number, number] {
    const n = this.widths.length;
    let c0 = 0;
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.offsets[mid + 1] ?? 0) <= left) lo = mid + 1;
      else {
        c0 = mid;
        hi = mid - 1;
      }
    }
    let c1 = c0;
    while (c1 < n - 1 && (this.offsets[c1 + 1] ?? 0) < right) c1++;
    return [c0, c1];
  }

  private render(): void {
    const { scrollTop, scrollLeft, clientHeight, clientWidth } = this.scroller;
    const n = this.source.viewLength;
    const r0 = Math.max(0, Math.floor((scrollTop - HEADER_HEIGHT) / ROW_HEIGHT) - OVERSCAN_ROWS);
    const r1 = Math.min(n - 1, Math.ceil((scrollTop + clientHeight) / ROW_HEIGHT) + OVERSCAN_ROWS);
    const [c0, c1] = this.widths.length === 0 ? [0, -1] : this.columnRange(Math.max(0, scrollLeft - OVERSCAN_PX), scrollLeft + clientWidth + OVERSCAN_PX);
    const sel = this.selection();
    this.renderHeader(c0, c1);
    const rows: HTMLElement[] = [];
    const existing = this.body.children;
    let slot = 0;
    for (let r = r0; r <= r1; r++, slot++) {
      const row = (existing[slot] as HTMLDivElement | undefined) ?? this.body.appendChild(el('div', 'grid-row'));
      this.fillRow(row, r, c0, c1, sel);
      rows.push(row);
    }
    while (this.body.children.length > slot) this.body.lastElementChild?.remove();
    const activeId = `cell-${this.active.row}-${this.active.col}`;
    if (document.getElementById(activeId)) this.scroller.setAttribute('aria-activedescendant', activeId);
    else this.scroller.removeAttribute('aria-activedescendant');
    if (!this.painted && n > 0 && rows.length > 0) {
      this.painted = true;
      this.onFirstPaint?.();
    }
  }

  private renderHeader(c0: number, c1: number): void {
    const cells: HTMLElement[] = [];
    const corner = el('div', 'grid-cell grid-rownum grid-corner', '#');
    corner.setAttribute('role', 'columnheader');
    corner.style.width = `${this.rowNumberWidth}px`;
    cells.push(corner, this.spacer(this.offsets[c0] ?? 0));
    for (let c = c0; c <= c1; c++) {
      const name = this.source.header[c] ?? '';
      const sort = this.source.sortOf(c);
      const cell = el('div', 'grid-cell grid-colheader');
      cell.setAttribute('role', 'columnheader');
      cell.setAttribute('aria-colindex', String(c + 2));
      cell.setAttribute('aria-sort', sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : 'none');
      cell.style.width = `${this.widths[c] ?? MIN_WIDTH}px`;
      cell.dataset.col = String(c);
      const b = el('button', 'sort', name);
      b.type = 'button';
      b.tabIndex = -1;
      b.title = `Sort by ${name} (Alt+Up / Alt+Down in the table)`;
      b.dataset.testid = `sort-${c}`;
      b.setAttribute('aria-label', `${name}, ${sort === 'asc' ? 'sorted ascending' : sort === 'desc' ? 'sorted descending' : 'not sorted'}; sort`);
      if (sort !== undefined) b.append(el('span', 'sort-mark', sort === 'asc' ? ' ▲' : ' ▼'));
      b.addEventListener('click', () => this.events.sort(c));
      const handle = el('div', 'resize');
      handle.setAttribute('aria-hidden', 'true');
      handle.title = 'Drag to resize';
      handle.addEventListener('pointerdown', (e) => this.startResize(e, c));
      cell.append(b, handle);
      cells.push(cell);
    }
    this.headerRow.replaceChildren(...cells);
  }

  private spacer(width: number): HTMLElement {
    const s = el('div', 'grid-spacer');
    s.style.width = `${width}px`;
    return s;
  }

  private fillRow(row: HTMLDivElement, r: number, c0: number, c1: number, sel: Selection): void {
    row.setAttribute('role', 'row');
    row.setAttribute('aria-rowindex', String(r + 2));
    row.style.top = `${HEADER_HEIGHT + r * ROW_HEIGHT}px`;
    row.dataset.row = String(r);
    const want = c1 - c0 + 1 + 2;
    while (row.children.length < want) row.appendChild(el('div', 'grid-cell'));
    while (row.children.length > want) row.lastElementChild?.remove();
    const num = row.children[0] as HTMLDivElement;
    num.className = this.source.isMalformed(r) ? 'grid-cell grid-rownum malformed' : 'grid-cell grid-rownum';
    num.setAttribute('role', 'rowheader');
    num.style.width = `${this.rowNumberWidth}px`;
    num.textContent = String(this.source.rowNumber(r));
    num.title = this.source.isMalformed(r) ? 'This row is malformed (see the note above the table)' : '';
    const spacer = row.children[1] as HTMLDivElement;
    spacer.className = 'grid-spacer';
    spacer.style.width = `${this.offsets[c0] ?? 0}px`;
    const inRows = r >= sel.top && r <= sel.bottom;
    for (let c = c0; c <= c1; c++) {
      const cell = row.children[c - c0 + 2] as HTMLDivElement;
      const selected = inRows && c >= sel.left && c <= sel.right;
      const active = r === this.active.row && c === this.active.col;
      cell.className = `grid-cell${selected ? ' selected' : ''}${active ? ' active' : ''}`;
      cell.setAttribute('role', 'gridcell');
      cell.setAttribute('aria-colindex', String(c + 2));
      if (selected) cell.setAttribute('aria-selected', 'true');
      else cell.removeAttribute('aria-selected');
      cell.id = `cell-${r}-${c}`;
      cell.dataset.col = String(c);
      cell.style.width = `${this.widths[c] ?? MIN_WIDTH}px`;
      cell.textContent = this.source.cell(r, c);
    }
  }

  private startResize(e: PointerEvent, column: number): void {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const start = this.widths[column] ?? MIN_WIDTH;
    // On the window, not the handle: each repaint replaces the header cells, handle included.
    const move = (ev: PointerEvent): void => {
      this.widths[column] = Math.max(MIN_WIDTH, Math.round(start + ev.clientX - startX));
      this.layout();
      this.schedule();
    };
    const up = (): void => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  }

  /** Width of a column in px (the UI test drags a handle and reads it back). */
  columnWidth(column: number): number {
    return this.widths[column] ?? 0;
  }

  private cellAt(target: EventTarget | null): { row: number; col: number } | 'rownum' | undefined {
    const cell = target instanceof Element ? target.closest<HTMLElement>('.grid-cell') : null;
    const row = cell?.parentElement;
    if (!cell || !row?.dataset.row) return undefined;
    if (cell.classList.contains('grid-rownum')) return 'rownum';
    const col = cell.dataset.col;
    return col === undefined ? undefined : { row: Number(row.dataset.row), col: Number(col) };
  }

  private onMouseDown(e: MouseEvent): void {
    if (e.button !== 0) return;
    const hit = this.cellAt(e.target);
    if (hit === undefined) return;
    const rowOf = (t: EventTarget | null): number | undefined => {
      const r = t instanceof Element ? t.closest<HTMLElement>('.grid-row') : null;
      return r?.dataset.row === undefined ? undefined : Number(r.dataset.row);
    };
    if (hit === 'rownum') {
      const row = rowOf(e.target) ?? 0;
      if (!e.shiftKey) this.anchor = { row, col: 0 };
      this.active = { row, col: this.source.header.length - 1 };
      this.anchor = { row: this.anchor.row, col: 0 };
    } else {
      if (!e.shiftKey) this.anchor = hit;
      this.active = hit;
    }
    this.focus();
    e.preventDefault();
    this.render();
    const drag = (ev: MouseEvent): void => {
      const over = this.cellAt(ev.target);
      if (over === undefined || over === 'rownum') return;
      if (over.row !== this.active.row || over.col !== this.active.col) {
        this.active = over;
        this.render();
      }
    };
    const up = (): void => {
      window.removeEventListener('mousemove', drag);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', drag);
    window.addEventListener('mouseup', up);
  }

  private pageRows(): number {
    return Math.max(1, Math.floor((this.scroller.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  }

  private onKey(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    const lastRow = Math.max(0, this.source.viewLength - 1);
    const lastCol = this.source.header.length - 1;
    let { row, col } = this.active;
    switch (e.key) {
      case 'ArrowUp':
        if (e.altKey) return this.sortKey(e, col, 'asc');
        row = mod ? 0 : row - 1;
        break;
      case 'ArrowDown':
        if (e.altKey) return this.sortKey(e, col, 'desc');
        row = mod ? lastRow : row + 1;
        break;
      case 'ArrowLeft':
        col = mod ? 0 : col - 1;
        break;
      case 'ArrowRight':
        col = mod ? lastCol : col + 1;
        break;
      case 'PageUp':
        row -= this.pageRows();
        break;
      case 'PageDown':
        row += this.pageRows();
        break;
      case 'Home':
        if (mod) row = 0;
        col = 0;
        break;
      case 'End':
        if (mod) row = lastRow;
        col = lastCol;
        break;
      case ' ':
        if (e.shiftKey) {
          this.anchor = { row: this.anchor.row, col: 0 };
          this.active = { row: this.active.row, col: lastCol };
        } else if (mod) {
          this.anchor = { row: 0, col: this.anchor.col };
          this.active = { row: lastRow, col: this.active.col };
        } else return;
        e.preventDefault();
        this.render();
        return;
      default:
        if (mod && e.key.toLowerCase() === 'a') {
          e.preventDefault();
          this.selectAll();
        } else if (mod && e.key.toLowerCase() === 'c') {
          e.preventDefault();
          this.events.copy(e.shiftKey ? 'csv' : 'tsv');
        } else if (mod && e.key.toLowerCase() === 'f') {
          e.preventDefault();
          this.events.find();
        }
        return;
    }
    e.preventDefault();
    this.active = { row: Math.max(0, Math.min(lastRow, row)), col: Math.max(0, Math.min(lastCol, col)) };
    if (!e.shiftKey) this.anchor = { ...this.active };
    this.reveal();
  }

  private sortKey(e: KeyboardEvent, col: number, direction: 'asc' | 'desc'): void {
    e.preventDefault();
    if (this.source.sortOf(col) !== direction) this.events.sort(col, direction);
  }

  /** Scrolls so the active cell is in view (below the sticky header, right of the row numbers). */
  private reveal(): void {
    const s = this.scroller;
    const top = HEADER_HEIGHT + this.active.row * ROW_HEIGHT;
    if (top - HEADER_HEIGHT < s.scrollTop) s.scrollTop = top - HEADER_HEIGHT;
    else if (top + ROW_HEIGHT > s.scrollTop + s.clientHeight) s.scrollTop = top + ROW_HEIGHT - s.clientHeight;
    const left = this.offsets[this.active.col] ?? 0;
    const right = this.offsets[this.active.col + 1] ?? left;
    const visible = s.clientWidth - this.rowNumberWidth;
    if (left < s.scrollLeft) s.scrollLeft = left;
    else if (right > s.scrollLeft + visible) s.scrollLeft = right - visible;
    this.render();
  }
}
