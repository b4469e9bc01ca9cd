/** HTML escaping for text and attribute values: the five characters that can end a text or attribute context. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Any API value as escaped text: strings as they are, numbers and booleans printed, the rest as '—'. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '—' : escapeHtml(value);
  if (typeof value === 'number' || typeof value === 'boolean') return escapeHtml(String(value));
  return '—';
}
