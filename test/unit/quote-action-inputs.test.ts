import assert from 'node:assert/strict';
import { quoteRefFrom } from '../../src/quotes/actions/args';
import { consoleQuoteUrl, hasConsole } from '../../src/quotes/actions/console-url';
import { buildConvertParams, commentProblem, oneMonthBack, parseExpiryDate, parseInvoiceDate } from '../../src/quotes/actions/inputs';

/** 2026-03-31T15:00:00Z: late in a month, so "one month back" has to clamp to February's end. */
const NOW = Date.UTC(2026, 2, 31, 15) / 1000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe('quote action inputs', () => {
  it('caps comments at 300 characters', () => {
    assert.equal(commentProblem(''), undefined);
    assert.equal(commentProblem('x'.repeat(300)), undefined);
    assert.match(commentProblem('x'.repeat(301)) ?? '', /At most 300 characters \(301 now\)/);
  });

  it('sends the expiry as the end of the chosen UTC day, today or later', () => {
    const parsed = parseExpiryDate('2026-04-30', NOW);
    assert.deepEqual(parsed, { ok: true, seconds: day('2026-04-30') + 86_399 });
    assert.deepEqual(parseExpiryDate(' 2026-03-31 ', NOW), { ok: true, seconds: day('2026-03-31') + 86_399 });
    assert.equal(parseExpiryDate('2026-03-30', NOW).ok, false);
    assert.equal(parseExpiryDate('2026-02-30', NOW).ok, false);
    assert.equal(parseExpiryDate('2026-04-30T10:00', NOW).ok, false);
    assert.equal(parseExpiryDate('30/04/2026', NOW).ok, false);
  });

  it('goes one calendar month back, clamping to the shorter month', () => {
    assert.equal(oneMonthBack(NOW), day('2026-02-28'));
    assert.equal(oneMonthBack(Date.UTC(2026, 0, 15, 12) / 1000), day('2025-12-15'));
  });

  it('takes an invoice date from a month back up to today, or none', () => {
    assert.equal(parseInvoiceDate('', NOW), undefined);
    assert.deepEqual(parseInvoiceDate('2026-03-31', NOW), { ok: true, seconds: day('2026-03-31') });
    assert.deepEqual(parseInvoiceDate('2026-02-28', NOW), { ok: true, seconds: day('2026-02-28') });
    assert.match((parseInvoiceDate('2026-02-27', NOW) as { message: string }).message, /one month back/);
    assert.match((parseInvoiceDate('2026-04-01', NOW) as { message: string }).message, /future/);
  });

  it('builds the convert body and refuses an invoice date without invoice_immediately', () => {
    assert.deepEqual(buildConvertParams({}), { ok: true, params: {} });
    assert.deepEqual(buildConvertParams({ invoiceImmediately: true, invoiceDate: 100, firstInvoicePending: false }), {
      ok: true,
      params: { invoice_immediately: true, invoice_date: 100, first_invoice_pending: false },
    });
    assert.equal(buildConvertParams({ invoiceDate: 100 }).ok, false);
    assert.equal(buildConvertParams({ invoiceImmediately: false, invoiceDate: 100 }).ok, false);
  });

  it('reads quote references from tree nodes, quotes, ids and nothing else', () => {
    const quote = { id: '12', status: 'open' };
    assert.deepEqual(quoteRefFrom({ kind: 'quote', quote }), { id: '12', quote });
    assert.deepEqual(quoteRefFrom(quote), { id: '12', quote });
    assert.deepEqual(quoteRefFrom(' 12 '), { id: '12' });
    assert.deepEqual(quoteRefFrom({ quoteId: '9' }), { id: '9' });
    assert.equal(quoteRefFrom(undefined), undefined);
    assert.equal(quoteRefFrom({ id: 3, status: 'open' }), undefined);
    assert.equal(quoteRefFrom(''), undefined);
  });

  it('links to the console only for real Chargebee sites', () => {
    assert.equal(consoleQuoteUrl('acme-test', 'Q 1'), 'https://acme-test.chargebee.com/d/quotes/Q%201');
    assert.equal(consoleQuoteUrl(undefined, '1'), undefined);
    assert.equal(consoleQuoteUrl('Not A Site', '1'), undefined);
    assert.equal(hasConsole('acme'), true);
    assert.equal(hasConsole(undefined), false);
  });
});
