/**
 * The one write guard: every write command calls it before sending. On a live site it asks in a modal
 * dialog that names the site and the action; on a test site it lets the write through.
 */
import * as vscode from 'vscode';
import type { ActiveSite } from './site';

export type GuardedSite = Pick<ActiveSite, 'label' | 'mode'>;

/** Scripted answer for the extension-host tests; never set in normal use. */
export type ConfirmPrompt = (message: string, confirmLabel: string) => Thenable<boolean>;

const modalPrompt: ConfirmPrompt = async (message, confirmLabel) => (await vscode.window.showWarningMessage(message, { modal: true }, confirmLabel)) === confirmLabel;

export async function confirmWrite(site: GuardedSite, action: string, prompt: ConfirmPrompt = modalPrompt): Promise<boolean> {
  if (site.mode === 'test') return true;
  const sentence = action.charAt(0).toUpperCase() + action.slice(1);
  return prompt(`${sentence} on LIVE site ${site.label}?`, 'Continue on LIVE');
}
