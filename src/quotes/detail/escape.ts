/** Values from the API as text for the host-rendered detail page. */
import { escapeHtml } from '../../webview/html';

/** Any API value as escaped text: strings as they are, numbers and booleans printed, the rest as '—'. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '—' : escapeHtml(value);
  if (typeof value === 'number' || typeof value === 'boolean') return escapeHtml(String(value));
  return '—';
}
