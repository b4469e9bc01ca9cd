/** The viewer page's handle on the extension: typed posting and typed arrival of the host's messages. */
import type { HostToViewer, ViewerAction, ViewerToHost } from '../protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called once per page load.
const api = acquireVsCodeApi();

// Anything the CSP blocks (an eval, a remote fetch) is counted on <body>: the UI tests require none.
document.addEventListener('securitypolicyviolation', (event) => {
  const body = document.body;
  body.dataset.cspViolations = String(Number(body.dataset.cspViolations ?? '0') + 1);
  body.dataset.cspLast = `${event.effectiveDirective} ${event.blockedURI}`.slice(0, 200);
});

export function post(message: ViewerToHost): void {
  api.postMessage(message);
}

/** Calls `handle` with each message from the host that has a known shape; others are dropped. */
export function onHostMessage(handle: (message: HostToViewer) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (typeof data !== 'object' || data === null) return;
    const type = (data as { type?: unknown }).type;
    if ((type === 'load' || type === 'head') && (data as { bytes?: unknown }).bytes instanceof Uint8Array) handle(data as HostToViewer);
    else if (type === 'tooLarge' || type === 'loadFailed') handle(data as HostToViewer);
  });
}

export function action(name: ViewerAction): void {
  post({ type: 'action', action: name });
}

/** A `<button>` with a visible label and, where the label is terse, a fuller accessible one. */
export function button(label: string, onClick: () => void, opts: { title?: string; testId?: string; ariaLabel?: string } = {}): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (opts.title !== undefined) b.title = opts.title;
  if (opts.ariaLabel !== undefined) b.setAttribute('aria-label', opts.ariaLabel);
  if (opts.testId !== undefined) b.dataset.testid = opts.testId;
  b.addEventListener('click', onClick);
  return b;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className !== undefined) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The file-level actions both viewers offer; "Open Externally" only where a system viewer is reachable. */
export function fileActions(opts: { canOpenExternally: boolean; openAsText: boolean }): HTMLElement {
  const group = el('div', 'group');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'File');
  if (opts.openAsText) group.append(button('Open as Text', () => action('openAsText'), { testId: 'open-as-text', title: 'Open this file in the text editor' }));
  if (opts.canOpenExternally) group.append(button('Open Externally', () => action('openExternal'), { testId: 'open-external', title: "Open in the system's default application" }));
  group.append(
    button('Save As…', () => action('saveAs'), { testId: 'save-as', title: 'Save a copy of this file' }),
    button('Reveal', () => action('reveal'), { testId: 'reveal', title: 'Show the file in its folder' }),
  );
  return group;
}

/** Replaces the page with a message (and optional buttons): never a blank page. */
export function showMessage(title: string, detail: string, extra: HTMLElement[] = []): void {
  const app = document.getElementById('app');
  if (!app) return;
  const box = el('div', 'viewer-message');
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'viewer-message';
  box.append(el('h2', undefined, title), el('p', undefined, detail), ...extra);
  app.replaceChildren(box);
  app.setAttribute('aria-busy', 'false');
}

/** Milestones the bench and UI tests read (performance.now() in this frame, rounded). */
export function mark(name: 'ready' | 'loaded' | 'worker' | 'opened' | 'painted' | 'parsed', at = performance.now()): void {
  document.body.dataset[`${name}At`] = String(Math.round(at));
}
