/**
 * What a quote row says, without `vscode`: label, description, icon, tooltip lines and the accessible
 * label. The provider turns these into TreeItems; unit tests pin the text.
 */
import { humanize, formatMoney, formatTimestamp } from '../detail/format';
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

export function presentRow(row: QuoteRow, locale: string): RowPresentation {
  const customer = row.customer_id ?? 'no customer';
  const total = formatMoney(row.total, row.currency_code, { locale });
  const status = humanize(row.status);
  const where = { locale };
  const tooltip = [
    `**Quote #${md(row.id)}** — ${md(status)}`,
    `Customer: ${md(customer)}`,
    `Total: ${md(total)}`,
    `Date: ${md(formatTimestamp(row.date, where))}`,
    `Valid till: ${md(formatTimestamp(row.valid_till, where))}`,
    ...(row.operation_type !== undefined ? [`Operation: ${md(humanize(row.operation_type))}`] : []),
  ];
  return {
    label: `#${row.id} ${customer}`,
    description: `${total} · ${status}`,
    icon: statusIcon(row.status),
    accessibleLabel: `Quote ${row.id}, ${customer}, ${total}, ${status}`,
    tooltip,
  };
}
