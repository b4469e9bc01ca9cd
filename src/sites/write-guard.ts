/**
 * The one write guard: every write command calls it before sending. On a live site it asks in a modal
 * dialog that names the site and the action; on a test site it lets the write through. The dialog goes
 * through the injected UserInput, and nothing outside the extension can answer or replace it.
 */
import type { UserInput } from '../commands/user-input';
import type { ActiveSite } from './site';

export type GuardedSite = Pick<ActiveSite, 'label' | 'mode'>;

export const CONFIRM_LIVE = 'Continue on LIVE';

export async function confirmWrite(site: GuardedSite, action: string, ui: Pick<UserInput, 'showWarningMessage'>): Promise<boolean> {
  if (site.mode === 'test') return true;
  const sentence = action.charAt(0).toUpperCase() + action.slice(1);
  return (await ui.showWarningMessage(`${sentence} on LIVE site ${site.label}?`, { modal: true }, CONFIRM_LIVE)) === CONFIRM_LIVE;
}
