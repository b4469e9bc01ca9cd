/**
 * A real PDF of a quote (pdf-lib, standard Helvetica): header, customer, line items and totals,
 * so a downloaded file can be opened and checked by eye or by text extraction.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Customer, Quote } from './models';
import { formatMoney } from './pricing';

/** Standard fonts only encode WinAnsi; anything else prints as `?` rather than failing the download. */
function safe(text: string, font: PDFFont): string {
  return [...text].map((ch) => {
    try {
      font.encodeText(ch);
      return ch;
    } catch {
      return '?';
    }
  }).join('');
}

function isoDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10);
}

export async function renderQuotePdf(quote: Quote, customer: Customer | undefined, status: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(quote.name ?? `Quote ${quote.id}`);
  doc.setCreator('Chargebee sandbox');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage([595, 842]);
  let y = 790;
  const write = (text: string, x: number, size = 10, f: PDFFont = font): void => {
    page.drawText(safe(text, f), { x, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
  };
  // Long quotes flow onto further pages instead of drawing below the margin.
  const line = (gap = 16): void => {
    y -= gap;
    if (y < 60) {
      page = doc.addPage([595, 842]);
      y = 790;
    }
  };
  const money = (minor: number): string => formatMoney(minor, quote.currency_code);

  write(`Quote #${quote.id}`, 50, 20, bold);
  line(26);
  if (quote.name !== undefined) {
    write(quote.name, 50, 12);
    line();
  }
  write(`Date: ${isoDate(quote.date)}    Valid till: ${isoDate(quote.valid_till)}    Status: ${status}`, 50);
  line();
  if (customer) {
    write(`Customer: ${customer.first_name} ${customer.last_name}${customer.company !== undefined ? `, ${customer.company}` : ''} <${customer.email}>`, 50);
    line();
  }
  line(10);
  write('Description', 50, 10, bold);
  write('Qty', 330, 10, bold);
  write('Unit price', 380, 10, bold);
  write('Amount', 480, 10, bold);
  line();
  for (const li of quote.line_items) {
    write(li.description.slice(0, 55), 50);
    write(String(li.quantity), 330);
    write(money(li.unit_amount), 380);
    write(money(li.amount), 480);
    line();
  }
  line(6);
  for (const d of quote.discounts) {
    write(`Discount: ${d.description}`, 50);
    write(`-${money(d.amount)}`, 480);
    line();
  }
  write('Sub total', 380, 10, bold);
  write(money(quote.sub_total), 480);
  line();
  write('Total', 380, 10, bold);
  write(money(quote.total), 480);
  line();
  write('Amount due', 380, 10, bold);
  write(money(quote.amount_due), 480);
  return doc.save();
}
