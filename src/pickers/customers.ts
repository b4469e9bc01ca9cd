/**
 * Customers by what people remember: name, email, company or id. The customers list filters each of
 * `id`, `email`, `first_name`, `last_name` and `company` with is / is_not / starts_with / is_present
 * only (no "contains", no OR), so the search is several `starts_with` queries asked in parallel and
 * merged: with an `@` the text is an email; otherwise the id, the company, the first and the last name
 * (as typed and capitalised, since starts_with is case-sensitive), the email in lower case, and for
 * two words "first last" (`first_name` and `last_name` in one query). Empty text lists the newest.
 */
import type { ParamTree } from '../chargebee/catalog/types';
import type { StagedList } from './staged-list';
import { joined, s, textVariants } from './staged-list';

export function customerStages(text: string): ParamTree[] {
  const t = text.trim();
  if (t === '') return [{}];
  const lower = t.toLowerCase();
  if (t.includes('@')) return lower === t ? [{ email: { starts_with: t } }] : [{ email: { starts_with: t } }, { email: { starts_with: lower } }];
  const words = t.split(/\s+/);
  const fullName: ParamTree[] =
    words.length === 2 && words[0] !== undefined && words[1] !== undefined
      ? [{ first_name: { starts_with: capitalised(words[0]) }, last_name: { starts_with: capitalised(words[1]) } }]
      : [];
  return [
    ...fullName,
    { id: { starts_with: t } },
    ...textVariants(t).map((v) => ({ company: { starts_with: v } })),
    ...textVariants(t).map((v) => ({ first_name: { starts_with: v } })),
    ...textVariants(t).map((v) => ({ last_name: { starts_with: v } })),
    ...(words.length === 1 ? [{ email: { starts_with: lower } }] : []),
  ];
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** First and last name, else the company; '' when the customer has neither. */
export function customerName(c: Readonly<Record<string, unknown>>): string {
  return [s(c, 'first_name'), s(c, 'last_name')].filter((p) => p !== '').join(' ') || s(c, 'company');
}

export function customerList(text: string): StagedList {
  return {
    endpointId: 'customers.list',
    key: 'customer',
    base: { sort_by: { desc: 'created_at' } },
    stages: customerStages(text),
    parallel: true,
    toItem: (c) => {
      const id = s(c, 'id');
      if (id === '') return undefined;
      const name = customerName(c);
      return {
        id,
        label: name !== '' ? name : id,
        description: joined(id, s(c, 'email'), s(c, 'company'), s(c, 'preferred_currency_code')),
      };
    },
  };
}
