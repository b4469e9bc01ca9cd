/**
 * Messages between the viewers' host side and their webviews. No vscode import and no DOM: both sides
 * compile it. Every message from a webview is validated on arrival (parseViewerMessage).
 */

/** Actions offered in both viewers' toolbars. */
export const VIEWER_ACTIONS = ['openExternal', 'saveAs', 'reveal', 'openAsText'] as const;
export type ViewerAction = (typeof VIEWER_ACTIONS)[number];

export type HostToViewer =
  /** The file's bytes; `canOpenExternally` is false in a browser workbench (no system viewer to reach). */
  | { readonly type: 'load'; readonly name: string; readonly bytes: Uint8Array; readonly canOpenExternally: boolean }
  /**
   * CSV only, before `load` of a large file: its first bytes, so the first rows are painted while the
   * whole file is still on its way (the cut may fall inside a row; the page drops that row).
   */
  | { readonly type: 'head'; readonly name: string; readonly bytes: Uint8Array; readonly size: number; readonly canOpenExternally: boolean }
  /** CSV only: the file is over the size limit; it is not sent. */
  | { readonly type: 'tooLarge'; readonly name: string; readonly size: number; readonly limit: number }
  | { readonly type: 'loadFailed'; readonly name: string; readonly message: string };

export type ViewerToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'action'; readonly action: ViewerAction }
  /** Text for the clipboard (a webview's own clipboard access depends on the workbench). */
  | { readonly type: 'copy'; readonly text: string; readonly what: string };

/** Copies over this size are refused: a bug or a hostile page, not a selection someone means to paste. */
export const MAX_COPY_CHARS = 64 * 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseViewerMessage(raw: unknown): ViewerToHost | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'action':
      return typeof raw.action === 'string' && (VIEWER_ACTIONS as readonly string[]).includes(raw.action)
        ? { type: 'action', action: raw.action as ViewerAction }
        : undefined;
    case 'copy':
      return typeof raw.text === 'string' && raw.text.length <= MAX_COPY_CHARS && typeof raw.what === 'string' && raw.what.length <= 200
        ? { type: 'copy', text: raw.text, what: raw.what }
        : undefined;
    default:
      return undefined;
  }
}
