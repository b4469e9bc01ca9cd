/**
 * The one wrapper every command handler goes through: it logs the run, stays silent when the user
 * cancelled, shows a plain warning for a Notice (the command cannot go on, nothing broke), and for
 * anything else a short error with "Show Log". A handler's value (an open form, a site id) reaches
 * the caller only when `returnResults` is set, in ExtensionMode.Test: any extension can run a command,
 * and those values hold the sites' clients.
 */
import * as vscode from 'vscode';
import { isCancellation } from '../chargebee/errors';
import { errorText } from '../log';
import type { CommandId } from './ids';

export type CommandHandler = (...args: unknown[]) => unknown;
/** Only ids of the one map (./ids.ts): a mistyped id fails to compile. */
export type RegisterCommand = (id: CommandId, handler: CommandHandler) => vscode.Disposable;

/** A refusal meant for the person ("add a site first"), not a failure: no "Show Log". */
export class Notice extends Error {
  override readonly name = 'Notice';
}

/** Thrown when the user backs out of a prompt; the wrapper stays silent about it. */
export class CancelledError extends Error {
  override readonly name = 'CancellationError';
  constructor() {
    super('Cancelled');
  }
}

const SHOW_LOG = 'Show Log';
/** Long API messages make toasts unreadable; the log keeps the whole text. */
const MAX_TOAST_CHARS = 300;

export interface RegistrarOptions {
  /** Pass each handler's value back to `executeCommand`; only for the extension-host tests. */
  readonly returnResults: boolean;
}

export function commandRegistrar(log: vscode.LogOutputChannel, options: RegistrarOptions): RegisterCommand {
  return (id, handler) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      const result = await runCommand(log, id, handler, args);
      return options.returnResults ? result : undefined;
    });
}

/**
 * One run of `handler` under the wrapper's rules; also for work started from a notification button,
 * which is a command in all but name. Resolves undefined when it failed or was cancelled.
 */
export async function runCommand<T>(log: vscode.LogOutputChannel, id: string, handler: (...args: unknown[]) => T | PromiseLike<T>, args: readonly unknown[]): Promise<T | undefined> {
  log.trace(`command ${id}`);
  try {
    return await handler(...args);
  } catch (err) {
    if (isCancellation(err)) {
      log.debug(`command ${id} cancelled`);
      return undefined;
    }
    const { message, detail } = errorText(err);
    if (err instanceof Notice) {
      log.info(`${id}: ${message}`);
      void vscode.window.showWarningMessage(message);
      return undefined;
    }
    log.error(`${id} failed: ${detail}`);
    const short = message.length > MAX_TOAST_CHARS ? `${message.slice(0, MAX_TOAST_CHARS - 1)}…` : message;
    void vscode.window.showErrorMessage(short, SHOW_LOG).then((choice) => {
      if (choice === SHOW_LOG) log.show(true);
    });
    return undefined;
  }
}
