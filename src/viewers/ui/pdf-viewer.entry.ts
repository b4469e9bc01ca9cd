/**
 * The PDF viewer page: PDF.js renders each page to a canvas when it comes near the view (lazy), with
 * a text layer over it for selection and find. No eval (isEvalSupported: false) and the worker runs
 * from a blob of the bundled pdf-worker script (started by pdf-boot.entry.ts), so the page's CSP stays strict.
 *
 * Test and bench hooks: data-testid pages, page-<n> (data-rendered="true" once painted), page-input,
 * page-count, zoom, zoom-in, zoom-out, find, find-count, viewer-message; <body> data-ready-at,
 * data-loaded-at, data-worker-at (worker started), data-opened-at (document parsed), data-painted-at
 * (first page painted).
 */
import { getDocument, GlobalWorkerOptions, TextLayer, type PDFDocumentProxy, type PDFPageProxy, type RenderTask } from 'pdfjs-dist';
import type { TextContent, TextItem } from 'pdfjs-dist/types/src/display/api';
import type { HostToViewer } from '../protocol';
import { button, el, fileActions, mark, onHostMessage, post, showMessage } from './host';
import { startPdfWorker } from './pdf-worker-start';

/** PDF points to CSS pixels: 100% is the page's printed size. */
const CSS_PER_POINT = 96 / 72;
const PAGE_GAP = 12;
/** Canvas pixels per page at most: beyond it the page is drawn at a lower resolution, not bigger. */
const MAX_CANVAS_PIXELS = 16_777_216;
const ZOOM_STEPS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

type Zoom = 'fitWidth' | 'fitPage' | number;

/** Started by pdf-boot.entry.ts before this bundle ran (or now, if the boot script did not run). */
const workerReady: Promise<void> = (window.chargebeePdfWorker ?? startPdfWorker()).then((worker) => {
  GlobalWorkerOptions.workerPort = worker;
  mark('worker');
});
// Awaited (and reported) by load(); this keeps a failure before any file arrives from going unhandled.
workerReady.catch(() => undefined);

interface PageView {
  readonly number: number;
  readonly div: HTMLDivElement;
  page?: PDFPageProxy;
  /** Size at scale 1 (points). */
  width: number;
  height: number;
  renderedAt?: number;
  task?: RenderTask;
  textLayer?: TextLayer;
  textDivs?: HTMLElement[];
}

interface Match {
  readonly page: number;
  readonly item: number;
}

class Viewer {
  private readonly pages: PageView[] = [];
  private readonly container = el('div', 'pdf-pages');
  private readonly pageInput = el('input', 'page-input');
  private readonly zoomSelect = el('select', 'zoom-select');
  private readonly findInput = el('input', 'find-input');
  private readonly findCount = el('span', 'find-count');
  private zoom: Zoom = 'fitWidth';
  private scale = 1;
  private current = 1;
  private observer: IntersectionObserver;
  private texts: Promise<string[][]> | undefined;
  private matches: Match[] = [];
  private matchIndex = -1;
  private painted = false;

  constructor(
    private readonly doc: PDFDocumentProxy,
    private readonly name: string,
    canOpenExternally: boolean,
  ) {
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const view = this.pages[Number((entry.target as HTMLElement).dataset.page) - 1];
        if (entry.isIntersecting && view) void this.render(view);
      }
    }, { root: this.container, rootMargin: '50% 0px' });
    this.buildToolbar(canOpenExternally);
  }

  private buildToolbar(canOpenExternally: boolean): void {
    const app = document.getElementById('app');
    if (!app) return;
    const toolbar = el('div', 'toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'PDF');
    const nav = el('div', 'group');
    nav.setAttribute('role', 'group');
    nav.setAttribute('aria-label', 'Pages');
    this.pageInput.type = 'text';
    this.pageInput.inputMode = 'numeric';
    this.pageInput.value = '1';
    this.pageInput.setAttribute('aria-label', `Page number, of ${this.doc.numPages}`);
    this.pageInput.dataset.testid = 'page-input';
    this.pageInput.addEventListener('change', () => this.goTo(Number(this.pageInput.value)));
    this.pageInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.goTo(Number(this.pageInput.value));
    });
    const of = el('span', 'page-count', `of ${this.doc.numPages}`);
    of.dataset.testid = 'page-count';
    nav.append(
      button('‹', () => this.goTo(this.current - 1), { ariaLabel: 'Previous page', title: 'Previous page', testId: 'prev-page' }),
      this.pageInput,
      of,
      button('›', () => this.goTo(this.current + 1), { ariaLabel: 'Next page', title: 'Next page', testId: 'next-page' }),
    );
    const zoom = el('div', 'group');
    zoom.setAttribute('role', 'group');
    zoom.setAttribute('aria-label', 'Zoom');
    this.zoomSelect.setAttribute('aria-label', 'Zoom');
    this.zoomSelect.dataset.testid = 'zoom';
    this.zoomSelect.addEventListener('change', () => {
      const v = this.zoomSelect.value;
      this.setZoom(v === 'fitWidth' || v === 'fitPage' ? v : Number(v));
    });
    zoom.append(
      button('−', () => this.step(-1), { ariaLabel: 'Zoom out', title: 'Zoom out (-)', testId: 'zoom-out' }),
      this.zoomSelect,
      button('+', () => this.step(1), { ariaLabel: 'Zoom in', title: 'Zoom in (+)', testId: 'zoom-in' }),
    );
    const find = el('div', 'group');
    find.setAttribute('role', 'search');
    this.findInput.type = 'search';
    this.findInput.placeholder = 'Find';
    this.findInput.setAttribute('aria-label', 'Find in the PDF (Ctrl+F; Enter: next, Shift+Enter: previous)');
    this.findInput.dataset.testid = 'find';
    this.findCount.dataset.testid = 'find-count';
    this.findCount.setAttribute('role', 'status');
    this.findCount.setAttribute('aria-live', 'polite');
    let findTimer: ReturnType<typeof setTimeout> | undefined;
    this.findInput.addEventListener('input', () => {
      clearTimeout(findTimer);
      findTimer = setTimeout(() => void this.find(this.findInput.value), 200);
    });
    this.findInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.nextMatch(e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        this.findInput.value = '';
        void this.find('');
        this.container.focus();
      }
    });
    find.append(
      this.findInput,
      button('↑', () => this.nextMatch(-1), { ariaLabel: 'Previous match', title: 'Previous match (Shift+Enter)' }),
      button('↓', () => this.nextMatch(1), { ariaLabel: 'Next match', title: 'Next match (Enter)' }),
      this.findCount,
    );
    const spacer = el('span', 'spacer');
    toolbar.append(nav, zoom, find, spacer, fileActions({ canOpenExternally, openAsText: false }));
    this.container.tabIndex = 0;
    this.container.setAttribute('role', 'document');
    this.container.setAttribute('aria-label', `${this.name}, ${this.doc.numPages} page${this.doc.numPages === 1 ? '' : 's'}`);
    this.container.dataset.testid = 'pages';
    this.container.addEventListener('scroll', () => this.trackCurrent(), { passive: true });
    this.container.addEventListener('keydown', (e) => this.onKey(e));
    this.resizeObserver.observe(this.container);
    app.replaceChildren(toolbar, this.container);
    app.setAttribute('aria-busy', 'false');
  }

  focusFind(): void {
    this.findInput.focus();
    this.findInput.select();
  }

  focusPages(): void {
    this.container.focus({ preventScroll: true });
  }

  /** A changed file is shown by a new viewer: this one lets go of its document and observers. */
  destroy(): void {
    this.observer.disconnect();
    this.resizeObserver.disconnect();
    void this.doc.destroy();
  }

  private readonly resizeObserver = new ResizeObserver(() => {
    if (typeof this.zoom !== 'number') this.layout();
  });

  async open(): Promise<void> {
    const first = await this.doc.getPage(1);
    const base = first.getViewport({ scale: 1 });
    for (let n = 1; n <= this.doc.numPages; n++) {
      const div = el('div', 'pdf-page');
      div.dataset.page = String(n);
      div.dataset.testid = `page-${n}`;
      div.setAttribute('role', 'region');
      div.setAttribute('aria-label', `Page ${n}`);
      // Until a page is fetched it takes page 1's size: close enough for the scrollbar.
      const view: PageView = { number: n, div, width: base.width, height: base.height };
      if (n === 1) view.page = first;
      this.pages.push(view);
      this.container.append(div);
    }
    this.layout();
    for (const view of this.pages) this.observer.observe(view.div);
  }

  private fitScale(): number {
    const first = this.pages[0];
    if (!first) return 1;
    const width = Math.max(100, this.container.clientWidth - 2 * PAGE_GAP - 16);
    const height = Math.max(100, this.container.clientHeight - 2 * PAGE_GAP);
    const byWidth = width / first.width;
    return this.zoom === 'fitPage' ? Math.min(byWidth, height / first.height) : byWidth;
  }

  private setZoom(zoom: Zoom): void {
    this.zoom = zoom;
    this.layout();
  }

  private step(direction: 1 | -1): void {
    const percent = this.scale / CSS_PER_POINT;
    const next = direction > 0 ? ZOOM_STEPS.find((z) => z > percent + 0.001) : [...ZOOM_STEPS].reverse().find((z) => z < percent - 0.001);
    this.setZoom(next ?? (direction > 0 ? (ZOOM_STEPS.at(-1) ?? 4) : (ZOOM_STEPS[0] ?? 0.25)));
  }

  /** Sizes every page for the zoom; rendered pages are drawn again when next in view. */
  private layout(): void {
    const scale = typeof this.zoom === 'number' ? this.zoom * CSS_PER_POINT : this.fitScale();
    const keep = this.current;
    const changed = Math.abs(scale - this.scale) > 1e-3;
    this.scale = scale;
    for (const view of this.pages) {
      view.div.style.width = `${Math.floor(view.width * scale)}px`;
      view.div.style.height = `${Math.floor(view.height * scale)}px`;
      view.div.style.setProperty('--total-scale-factor', String(scale));
      if (changed && view.renderedAt !== undefined) {
        view.renderedAt = undefined;
        // Still in view: the observer will not fire again for it, so draw it now.
        if (this.isNearView(view)) void this.render(view);
      }
    }
    this.showZoom();
    if (changed) this.goTo(keep);
  }

  private isNearView(view: PageView): boolean {
    const top = view.div.offsetTop;
    const bottom = top + view.div.offsetHeight;
    const { scrollTop, clientHeight } = this.container;
    return bottom >= scrollTop - clientHeight / 2 && top <= scrollTop + clientHeight * 1.5;
  }

  private showZoom(): void {
    const percent = Math.round((this.scale / CSS_PER_POINT) * 100);
    const options = [
      new Option('Fit Width', 'fitWidth'),
      new Option('Fit Page', 'fitPage'),
      ...ZOOM_STEPS.map((z) => new Option(`${Math.round(z * 100)}%`, String(z))),
    ];
    if (typeof this.zoom === 'number' && !ZOOM_STEPS.includes(this.zoom)) options.push(new Option(`${percent}%`, String(this.zoom)));
    this.zoomSelect.replaceChildren(...options);
    this.zoomSelect.value = String(this.zoom);
    this.zoomSelect.title = `Zoom: ${percent}%`;
  }

  private async render(view: PageView): Promise<void> {
    const scale = this.scale;
    if (view.renderedAt === scale) return;
    view.renderedAt = scale;
    view.task?.cancel();
    view.textLayer?.cancel();
    try {
      const page = view.page ?? (await this.doc.getPage(view.number));
      if (!view.page) {
        view.page = page;
        const size = page.getViewport({ scale: 1 });
        if (Math.abs(size.width - view.width) > 0.5 || Math.abs(size.height - view.height) > 0.5) {
          view.width = size.width;
          view.height = size.height;
          view.div.style.width = `${Math.floor(view.width * scale)}px`;
          view.div.style.height = `${Math.floor(view.height * scale)}px`;
        }
      }
      const viewport = page.getViewport({ scale });
      const ratio = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)));
      const canvas = el('canvas');
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.setAttribute('aria-hidden', 'true');
      const task = page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      view.task = task;
      await task.promise;
      if (view.renderedAt !== scale) return;
      const textDiv = el('div', 'textLayer');
      const label = el('span', 'page-label', `${view.number} / ${this.doc.numPages}`);
      label.setAttribute('aria-hidden', 'true');
      view.div.replaceChildren(canvas, textDiv, label);
      view.div.dataset.rendered = 'true';
      if (!this.painted) {
        this.painted = true;
        mark('painted');
      }
      const textLayer = new TextLayer({ textContentSource: page.streamTextContent(), container: textDiv, viewport });
      view.textLayer = textLayer;
      await textLayer.render();
      if (view.renderedAt !== scale) return;
      view.textDivs = textLayer.textDivs;
      view.div.dataset.text = 'true';
      this.highlight(view);
    } catch (error) {
      if ((error as { name?: string }).name === 'RenderingCancelledException' || (error as { name?: string }).name === 'AbortException') return;
      view.renderedAt = undefined;
      const message = el('p', 'viewer-status', `Page ${view.number} could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
      message.setAttribute('role', 'alert');
      view.div.replaceChildren(message);
    }
  }

  private goTo(n: number): void {
    if (!Number.isFinite(n)) return;
    const page = Math.max(1, Math.min(this.doc.numPages, Math.round(n)));
    const view = this.pages[page - 1];
    if (!view) return;
    this.container.scrollTop = view.div.offsetTop - PAGE_GAP;
    this.setCurrent(page);
  }

  private setCurrent(page: number): void {
    this.current = page;
    if (document.activeElement !== this.pageInput) this.pageInput.value = String(page);
  }

  private trackCurrent(): void {
    const probe = this.container.scrollTop + this.container.clientHeight / 3;
    let page = 1;
    for (const view of this.pages) {
      if (view.div.offsetTop <= probe) page = view.number;
      else break;
    }
    if (page !== this.current) this.setCurrent(page);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '+' || e.key === '=') this.step(1);
    else if (e.key === '-') this.step(-1);
    else if (e.key === 'n' || e.key === 'j') this.goTo(this.current + 1);
    else if (e.key === 'p' || e.key === 'k') this.goTo(this.current - 1);
    else return;
    e.preventDefault();
  }

  private pageTexts(): Promise<string[][]> {
    this.texts ??= Promise.all(
      this.pages.map(async (view) => {
        const page = view.page ?? (await this.doc.getPage(view.number));
        const content: TextContent = await page.getTextContent();
        return content.items.map((item) => ((item as TextItem).str ?? ''));
      }),
    );
    return this.texts;
  }

  private async find(query: string): Promise<void> {
    const q = query.trim().toLowerCase();
    if (q === '') {
      this.matches = [];
      this.matchIndex = -1;
      this.findCount.textContent = '';
      this.pages.forEach((v) => this.highlight(v));
      return;
    }
    const texts = await this.pageTexts();
    if (this.findInput.value.trim().toLowerCase() !== q) return;
    this.matches = [];
    texts.forEach((items, p) => items.forEach((str, i) => {
      if (str.toLowerCase().includes(q)) this.matches.push({ page: p + 1, item: i });
    }));
    this.matchIndex = this.matches.length > 0 ? 0 : -1;
    this.showMatch();
  }

  private nextMatch(direction: 1 | -1): void {
    if (this.matches.length === 0) return;
    this.matchIndex = (this.matchIndex + direction + this.matches.length) % this.matches.length;
    this.showMatch();
  }

  private showMatch(): void {
    const n = this.matches.length;
    this.findCount.textContent = n === 0 ? 'No results' : `${this.matchIndex + 1} of ${n}`;
    this.pages.forEach((v) => this.highlight(v));
    const match = this.matches[this.matchIndex];
    if (!match) return;
    const view = this.pages[match.page - 1];
    const div = view?.textDivs?.[match.item];
    if (div) div.scrollIntoView({ block: 'center', inline: 'nearest' });
    else this.goTo(match.page);
  }

  private highlight(view: PageView): void {
    const divs = view.textDivs;
    if (!divs) return;
    for (const d of divs) d.classList.remove('highlight', 'selected');
    const current = this.matches[this.matchIndex];
    for (const m of this.matches) {
      if (m.page !== view.number) continue;
      const d = divs[m.item];
      d?.classList.add('highlight');
      if (m === current) d?.classList.add('selected');
    }
  }
}

let loading = 0;
/** The viewer on the page now; page-wide keys and focus go to it. */
let active: Viewer | undefined;

document.addEventListener('keydown', (e) => {
  if (active && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
    e.preventDefault();
    active.focusFind();
  }
});
// The webview gets focus when its editor does; hand it to the pages (it is never taken on open).
window.addEventListener('focus', () => {
  if (active && document.activeElement === document.body) active.focusPages();
});

async function load(message: Extract<HostToViewer, { type: 'load' }>): Promise<void> {
  const mine = ++loading;
  mark('loaded');
  try {
    await workerReady;
    // PDF.js takes the buffer over (it moves to the worker).
    const doc = await getDocument({ data: message.bytes, isEvalSupported: false, enableXfa: false, stopAtErrors: false }).promise;
    if (mine !== loading) return;
    mark('opened');
    active?.destroy();
    const viewer = new Viewer(doc, message.name, message.canOpenExternally);
    active = viewer;
    await viewer.open();
  } catch (error) {
    if (mine !== loading) return;
    const name = (error as { name?: string }).name;
    const detail = error instanceof Error ? error.message : String(error);
    const actions = [fileActions({ canOpenExternally: message.canOpenExternally, openAsText: false })];
    if (name === 'InvalidPDFException') showMessage(`${message.name} is not a readable PDF`, `The file is damaged or is not a PDF at all (${detail}).`, actions);
    else if (name === 'PasswordException') showMessage(`${message.name} is password-protected`, 'This viewer does not open protected PDFs; open it in another application.', actions);
    else showMessage(`Could not show ${message.name}`, detail, actions);
  }
}

onHostMessage((message) => {
  if (message.type === 'load') void load(message);
  else if (message.type === 'loadFailed') showMessage(`Could not open ${message.name}`, message.message);
});
mark('ready');
post({ type: 'ready' });
