/**
 * The one LogOutputChannel, "Chargebee", and its adapter for the vscode-free client. The channel is
 * created first in activate() so every later failure has somewhere to go.
 */
import * as vscode from 'vscode';
import type { ChargebeeLogger } from './chargebee/client';
import { redactSecrets } from './chargebee/redact';

export const LOG_CHANNEL_NAME = 'Chargebee';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}

/** The client already redacts; this second pass guards messages built elsewhere (errors with bodies). */
export function clientLogger(log: vscode.LogOutputChannel, prefix: string): ChargebeeLogger {
  const line = (message: string): string => `[${prefix}] ${redactSecrets(message)}`;
  return {
    debug: (m) => log.debug(line(m)),
    info: (m) => log.info(line(m)),
    warn: (m) => log.warn(line(m)),
    error: (m) => log.error(line(m)),
  };
}

/** An error's message for a person, and the same with its stack for the log. */
export function errorText(err: unknown): { readonly message: string; readonly detail: string } {
  if (err instanceof Error) return { message: err.message, detail: redactSecrets(err.stack ?? err.message) };
  const text = String(err);
  return { message: text, detail: redactSecrets(text) };
}
