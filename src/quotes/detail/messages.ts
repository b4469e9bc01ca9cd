/**
 * The detail page's messages to the host. The page is ours, but its content came from the API, so every
 * message is validated on arrival and anything unexpected is dropped, not interpreted.
 */
import { QUOTE_ACTIONS, type QuoteAction } from '../state-rules';

/** Buttons that do not change the quote. */
export const VIEW_ACTIONS = ['showJson', 'copyId', 'openConsole', 'refresh', 'pin'] as const;
export type ViewAction = (typeof VIEW_ACTIONS)[number];

export type DetailAction = QuoteAction | ViewAction;

export type DetailMessage = { readonly type: 'action'; readonly action: DetailAction };

const KNOWN: readonly string[] = [...QUOTE_ACTIONS, ...VIEW_ACTIONS];

function isDetailAction(value: unknown): value is DetailAction {
  return typeof value === 'string' && KNOWN.includes(value);
}

/** The message when it is exactly `{ type: 'action', action: <known> }`; undefined for anything else. */
export function parseDetailMessage(raw: unknown): DetailMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const { type, action, ...rest } = raw as Record<string, unknown>;
  if (type !== 'action' || !isDetailAction(action) || Object.keys(rest).length > 0) return undefined;
  return { type, action };
}
