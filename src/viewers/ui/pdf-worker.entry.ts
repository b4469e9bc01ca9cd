/**
 * PDF.js's worker, bundled as a classic script. The viewer page fetches it and starts it from a blob
 * (a webview may not start a worker from the extension's origin); it sets itself up on `self`.
 */
import 'pdfjs-dist/build/pdf.worker.mjs';
