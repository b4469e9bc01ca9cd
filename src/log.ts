/**
 * The one LogOutputChannel, "Chargebee", and its adapter for the vscode-free client. The channel is
 * created first in activate() so every later failure has somewhere to go.
 */
import * as vscode from 'vscode';
import type { ChargebeeLogger } from './chargebee/client';
import { redactingLog, redactSecrets, userMessage } from './chargebee/redact';

export const LOG_CHANNEL_NAME = 'Chargebee';

/** The channel behind a redacting wrapper: every line written to it, by any part of the extension, is masked. */
export function createLog(): vscode.LogOutputChannel {
  return redactingLog(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }));
}

/** The client's lines with their site prefix; the channel itself redacts them. */
export function clientLogger(log: vscode.LogOutputChannel, prefix: string): ChargebeeLogger {
  const line = (message: string): string => `[${prefix}] ${message}`;
  return {
    debug: (m) => log.debug(line(m)),
    info: (m) => log.info(line(m)),
    warn: (m) => log.warn(line(m)),
    error: (m) => log.error(line(m)),
  };
}

/** An error's message for a person (a toast), and the same with its stack for the log; both redacted. */
export function errorText(err: unknown): { readonly message: string; readonly detail: string } {
  return { message: userMessage(err), detail: redactSecrets(err instanceof Error ? (err.stack ?? err.message) : String(err)) };
}
