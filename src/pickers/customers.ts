/**
 * Customers by the shape of the text: with an `@` it is an email (`email[starts_with]`); otherwise the
 * id first, then company and first name (as typed and capitalised). Empty text lists the newest.
 */
import type { ParamTree } from '../chargebee/catalog/types';
import type { StagedList } from './staged-list';
import { joined, s, textVariants } from './staged-list';

export function customerStages(text: string): ParamTree[] {
  const t = text.trim();
  if (t === '') return [{}];
  if (t.includes('@')) return [{ email: { starts_with: t } }];
  return [
    { id: { starts_with: t } },
    ...textVariants(t).map((v) => ({ company: { starts_with: v } })),
    ...textVariants(t).map((v) => ({ first_name: { starts_with: v } })),
  ];
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
