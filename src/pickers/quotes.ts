/** Quotes by number, then by customer id, newest first (the quotes list sorts by `date` only). */
import { formatMinor } from '../forms/money';
import type { StagedList } from './staged-list';
import { joined, s } from './staged-list';

export function quoteList(text: string): StagedList {
  const t = text.trim();
  return {
    endpointId: 'quotes.list',
    key: 'quote',
    base: { sort_by: { desc: 'date' } },
    stages: t === '' ? [{}] : [{ id: { starts_with: t } }, { customer_id: { starts_with: t } }],
    toItem: (q) => {
      const id = s(q, 'id');
      if (id === '') return undefined;
      const total = typeof q['total'] === 'number' && s(q, 'currency_code') !== '' ? `${formatMinor(q['total'], s(q, 'currency_code'))} ${s(q, 'currency_code')}` : '';
      return { id, label: joined(id, s(q, 'name')), description: joined(s(q, 'status'), s(q, 'customer_id'), total) };
    },
  };
}
