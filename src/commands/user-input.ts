/**
 * The one seam through which a command asks the user something: quick picks, input boxes and modal
 * confirmations. activate() injects `windowUserInput` into every feature that prompts; the
 * extension-host tests (and only they, through the Test-mode API) swap in a scripted implementation, so
 * no command has to accept arguments that pre-answer its prompts or skip a confirmation.
 * Non-blocking notifications (a toast after a change) stay with `vscode.window`: they ask nothing.
 */
import * as vscode from 'vscode';
import { showInputStep, showPickStep } from './input-steps';

/**
 * What a step of a multi-step input resolves with when the user presses its Back button. From the
 * global symbol registry: the extension-host tests are a bundle of their own, and their scripted
 * Back must be the extension's Back.
 */
export const BACK: unique symbol = Symbol.for('chargebee.userInput.back') as never;
export type Back = typeof BACK;

/** Where a prompt sits in a multi-step input: shown as "2/3" beside the title, with Back from step 2. */
export interface InputStep {
  readonly step: number;
  /** Left out while the number of steps still depends on the answers. */
  readonly totalSteps?: number;
}

export interface UserInput {
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true; step: InputStep }): Thenable<readonly T[] | Back | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany?: false; step: InputStep }): Thenable<T | Back | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true }): Thenable<readonly T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions & { canPickMany?: false }): Thenable<T | undefined>;
  showInputBox(options: vscode.InputBoxOptions & { step: InputStep }): Thenable<string | Back | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A QuickPick to drive (the paged pickers), so a test can script those too. */
  createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T>;
  /** A modal (or not) warning with buttons; resolves with the chosen button's title. */
  showWarningMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
}

/** Production: the workbench's own prompts. */
export const windowUserInput: UserInput = {
  showQuickPick: <T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions & { step?: InputStep }) =>
    // The overloads above are the contract; VS Code's own overloads need the array mutable.
    (options?.step !== undefined ? showPickStep(items, options, options.step, BACK) : vscode.window.showQuickPick([...items], options)) as Thenable<T & readonly T[]>,
  showInputBox: ((options: vscode.InputBoxOptions & { step?: InputStep }) =>
    options.step !== undefined ? showInputStep(options, options.step, BACK) : vscode.window.showInputBox(options)) as UserInput['showInputBox'],
  createQuickPick: <T extends vscode.QuickPickItem>() => vscode.window.createQuickPick<T>(),
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

  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true; step: InputStep }): Thenable<readonly T[] | Back | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany?: false; step: InputStep }): Thenable<T | Back | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true }): Thenable<readonly T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions & { canPickMany?: false }): Thenable<T | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions): Thenable<T | readonly T[] | Back | undefined> {
    return (this.current.showQuickPick as (i: readonly T[], o?: vscode.QuickPickOptions) => Thenable<T | readonly T[] | Back | undefined>)(items, options);
  }

  showInputBox(options: vscode.InputBoxOptions & { step: InputStep }): Thenable<string | Back | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | Back | undefined> {
    return this.current.showInputBox(options);
  }

  createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T> {
    return this.current.createQuickPick<T>();
  }

  showWarningMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> {
    return this.current.showWarningMessage(message, options, ...items);
  }
}
