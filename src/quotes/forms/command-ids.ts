/**
 * The quote form commands. Mirrored into the central map (src/commands/ids.ts) once it exists;
 * package.json names the same ids, and a unit test checks the two agree.
 */
export const QUOTE_FORM_COMMANDS = {
  newQuote: 'chargebee.quotes.new',
  newSubscription: 'chargebee.quotes.newSubscriptionQuote',
  newChange: 'chargebee.quotes.newChangeQuote',
  newOneTime: 'chargebee.quotes.newOneTimeQuote',
  edit: 'chargebee.quotes.edit',
} as const;

export type QuoteFormCommandKey = keyof typeof QUOTE_FORM_COMMANDS;
export type QuoteFormCommandId = (typeof QUOTE_FORM_COMMANDS)[QuoteFormCommandKey];
