/**
 * Runtime checks for values that come from outside (command arguments, API bodies, stored state):
 * one definition, so every caller means the same thing by "a record".
 */

/** A plain key/value object: not null, not an array. Prototypes are not checked (see webview/protocol.ts for that). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
