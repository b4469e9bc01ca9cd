/**
 * The quote detail and action commands. Mirrored into the central map (src/commands/ids.ts) once it
 * exists; package.json names the same ids, and a unit test checks the two agree.
 */
export const QUOTE_ACTION_COMMANDS = {
  open: 'chargebee.quotes.open',
  accept: 'chargebee.quotes.accept',
  decline: 'chargebee.quotes.decline',
  close: 'chargebee.quotes.close',
  convert: 'chargebee.quotes.convert',
  extend: 'chargebee.quotes.extendExpiry',
  delete: 'chargebee.quotes.delete',
  pdf: 'chargebee.quotes.downloadPdf',
  copyId: 'chargebee.quotes.copyId',
  openConsole: 'chargebee.quotes.openInConsole',
  showJson: 'chargebee.quotes.showJson',
} as const;

export type QuoteActionCommandKey = keyof typeof QUOTE_ACTION_COMMANDS;
export type QuoteActionCommandId = (typeof QUOTE_ACTION_COMMANDS)[QuoteActionCommandKey];
