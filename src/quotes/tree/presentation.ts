/**
 * What a quote row says, without `vscode`: label, description, icon, tooltip lines and the accessible
 * label. The provider turns these into TreeItems; unit tests pin the text.
 */
import { formatDay, formatMoney, formatTimestamp, humanize } from '../detail/format';
import type { QuoteRow } from './row';

export interface RowIcon {
  readonly id: string;
  readonly color?: string;
}

export interface RowPresentation {
  readonly label: string;
  readonly description: string;
  readonly icon: RowIcon;
  readonly accessibleLabel: string;
  /** Markdown lines for the tooltip. */
  readonly tooltip: readonly string[];
}

const ICONS: Readonly<Record<string, RowIcon>> = {
  open: { id: 'circle-large-outline', color: 'charts.blue' },
  accepted: { id: 'pass', color: 'charts.green' },
  declined: { id: 'circle-slash', color: 'charts.red' },
  invoiced: { id: 'file-text', color: 'charts.purple' },
  closed: { id: 'lock', color: 'disabledForeground' },
};

export function statusIcon(status: string): RowIcon {
  return ICONS[status] ?? { id: 'circle-outline' };
}

/** Group labels: `Open`, `Other`. */
export function statusLabel(status: string): string {
  return humanize(status);
}

/** Markdown special characters in API text would otherwise format (or link) in the tooltip. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export interface PresentOptions {
  readonly locale: string;
  /** Rows under a status group need not repeat the status in their description. */
  readonly grouped?: boolean;
}

/**
 * `#27 Umbrella Labs` with `$20.00 · Nov 21, 2026` beside it: people know quotes by customer, amount and
 * day. The customer id stands in when no name is known; the tooltip has everything.
 */
export function presentRow(row: QuoteRow, options: PresentOptions): RowPresentation {
  const where = { locale: options.locale };
  const who = row.customer_name ?? row.customer_id ?? 'no customer';
  const total = formatMoney(row.total, row.currency_code, where);
  const status = humanize(row.status);
  const day = formatDay(row.date, where);
  const customer = row.customer_name !== undefined && row.customer_id !== undefined ? `${md(row.customer_name)} (${md(row.customer_id)})` : md(who);
  const tooltip = [
    `**Quote #${md(row.id)}** — ${md(status)}`,
    `Customer: ${customer}`,
    `Total: ${md(total)}${row.currency_code !== undefined ? ` ${md(row.currency_code)}` : ''}`,
    `Date: ${md(formatTimestamp(row.date, where))}`,
    `Valid till: ${md(formatTimestamp(row.valid_till, where))}`,
    ...(row.operation_type !== undefined ? [`Operation: ${md(humanize(row.operation_type))}`] : []),
  ];
  const description = [total, ...(row.date !== undefined ? [day] : []), ...(options.grouped === true ? [] : [status])].join(' · ');
  return {
    label: `#${row.id} ${who}`,
    description,
    icon: statusIcon(row.status),
    accessibleLabel: `Quote ${row.id}, ${who}, ${total}, ${row.date !== undefined ? `${day}, ` : ''}${status}`,
    tooltip,
  };
}
