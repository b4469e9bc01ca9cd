/**
 * HTTP Basic auth as Chargebee does it: the API key is the user name and the password is empty.
 * A missing header, another scheme, a wrong key or a non-empty password are all 401.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { authFailed } from './errors';

export function checkAuth(headers: IncomingHttpHeaders, apiKey: string): void {
  const header = headers.authorization;
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) throw authFailed();
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  if (user !== apiKey || password !== '') throw authFailed();
}
