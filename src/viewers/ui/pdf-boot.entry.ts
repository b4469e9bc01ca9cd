/**
 * The PDF viewer's first script, tiny and run before the viewer's 400 KB bundle: it starts PDF.js's
 * worker (fetched, then run from a blob: a webview may not start a worker from the extension's origin),
 * so the worker's 1 MB loads and compiles while the viewer's own code does. pdf-viewer.entry.ts takes it
 * from `window.chargebeePdfWorker`.
 */
import { startPdfWorker } from './pdf-worker-start';

window.chargebeePdfWorker = startPdfWorker();
// Awaited (and reported) by the viewer; this keeps a failure before it runs from going unhandled.
window.chargebeePdfWorker.catch(() => undefined);
