/**
 * The one seam through which a command asks the user something: quick picks, input boxes and modal
 * confirmations. activate() injects `windowUserInput` into every feature that prompts; the
 * extension-host tests (and only they, through the Test-mode API) swap in a scripted implementation, so
 * no command has to accept arguments that pre-answer its prompts or skip a confirmation.
 * Non-blocking notifications (a toast after a change) stay with `vscode.window`: they ask nothing.
 */
import * as vscode from 'vscode';

export interface UserInput {
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true }): Thenable<readonly T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions & { canPickMany?: false }): Thenable<T | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A modal (or not) warning with buttons; resolves with the chosen button's title. */
  showWarningMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
}

/** Production: the workbench's own prompts. */
export const windowUserInput: UserInput = {
  showQuickPick: <T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions) =>
    // The overloads above are the contract; VS Code's own overloads need the array mutable.
    vscode.window.showQuickPick([...items], options) as Thenable<T & readonly T[]>,
  showInputBox: (options) => vscode.window.showInputBox(options),
  showWarningMessage: (message, options, ...items) => vscode.window.showWarningMessage(message, options, ...items),
};

/**
 * Built by activate() only in ExtensionMode.Test: forwards to the window's prompts until a test hands
 * it a scripted implementation (`use`), and back again with `use(undefined)`.
 */
export class ReplaceableUserInput implements UserInput {
  private current: UserInput = windowUserInput;

  use(input: UserInput | undefined): void {
    this.current = input ?? windowUserInput;
  }

  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true }): Thenable<readonly T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions & { canPickMany?: false }): Thenable<T | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions): Thenable<T | readonly T[] | undefined> {
    return (this.current.showQuickPick as (i: readonly T[], o?: vscode.QuickPickOptions) => Thenable<T | readonly T[] | undefined>)(items, options);
  }

  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined> {
    return this.current.showInputBox(options);
  }

  showWarningMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> {
    return this.current.showWarningMessage(message, options, ...items);
  }
}
