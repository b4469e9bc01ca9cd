/** Starting PDF.js's worker under the viewer's CSP: fetch the bundled script, run it from a blob. */

declare global {
  interface Window {
    /** Set by pdf-boot.entry.ts. */
    chargebeePdfWorker?: Promise<Worker>;
  }
}

export async function startPdfWorker(): Promise<Worker> {
  const uri = document.body.dataset.worker;
  if (uri === undefined) throw new Error('the page names no PDF worker');
  const response = await fetch(uri);
  if (!response.ok) throw new Error(`the PDF worker did not load (HTTP ${response.status})`);
  const url = URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: 'text/javascript' }));
  return new Worker(url, { name: 'pdf.js' });
}
