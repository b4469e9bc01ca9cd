/** Command arguments of the subscription commands, checked at run time: they may come from anywhere. */

/** An id passed as the argument: a string, `{ id }`, `{ subscription: { id } }` or `{ subscriptionId }`. */
export function subscriptionIdOf(arg: unknown): string | undefined {
  const id = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  if (typeof arg === 'string') return id(arg);
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as { id?: unknown; subscriptionId?: unknown; subscription?: unknown };
  const nested = typeof o.subscription === 'object' && o.subscription !== null ? (o.subscription as { id?: unknown }).id : undefined;
  return id(o.subscriptionId) ?? id(nested) ?? id(o.id);
}
