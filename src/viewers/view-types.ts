/**
 * The viewers' ids and settings, in one place: features open files in a viewer through open.ts, and
 * package.json's customEditors / configuration use these same strings (test/unit/viewers-*.test.ts checks).
 */
export const PDF_VIEW_TYPE = 'chargebee.pdfViewer';
export const CSV_VIEW_TYPE = 'chargebee.csvTable';

export const VIEWER_SETTINGS = {
  /** Boolean: on desktop, quote PDFs go to the system's PDF viewer instead of the PDF viewer. */
  preferSystemPdfViewer: 'chargebee.viewers.preferSystemPdfViewer',
  /** Number (MB): larger CSV files open as text. */
  csvMaxFileSizeMb: 'chargebee.viewers.csvMaxFileSizeMB',
} as const;

export const DEFAULT_CSV_MAX_MB = 200;

/** What scripts/build.mjs emits for src/viewers/ui/*.entry.ts (esbuild's `[name]` keeps `.entry`). */
export const VIEWER_SCRIPTS = {
  pdf: 'pdf-viewer.entry.js',
  pdfBoot: 'pdf-boot.entry.js',
  pdfWorker: 'pdf-worker.entry.js',
  csv: 'csv-table.entry.js',
} as const;
