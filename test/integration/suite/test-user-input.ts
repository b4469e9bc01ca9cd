/**
 * Scripted answers for the extension's prompts, as the Azure extensions' TestUserInput gives them:
 * a queue of expected prompts, each answered in order; a prompt nobody scripted, or one of another
 * kind than expected, fails loudly (the command's promise rejects and `assertDone` names it).
 * `useScript` installs it through the Test-mode API; `dispose` puts the window's prompts back.
 */
import type * as vscode from 'vscode';
import type { ChargebeeTestApi } from '../../../src/api';
import type { UserInput } from '../../../src/commands/user-input';

/** What a quick pick is answered with: the label of the item (exact or matching), or Escape. */
type PickAnswer = string | RegExp | typeof ESCAPE;
type Answer =
  | { readonly kind: 'pick'; readonly labels: readonly PickAnswer[] }
  | { readonly kind: 'input'; readonly value: string | typeof ESCAPE }
  | { readonly kind: 'warning'; readonly button: string | typeof ESCAPE };

/** Answers a prompt as Escape would: undefined. */
export const ESCAPE = Symbol('escape');

export interface AskedPrompt {
  readonly kind: Answer['kind'];
  /** The title, prompt or message, for assertions about what was asked. */
  readonly text: string;
}

export class TestUserInput implements UserInput {
  private readonly answers: Answer[] = [];
  readonly asked: AskedPrompt[] = [];
  private failure: Error | undefined;

  /** The next quick pick chooses the item with this label (several for a multi-select). */
  pick(...labels: PickAnswer[]): this {
    this.answers.push({ kind: 'pick', labels });
    return this;
  }

  /** The next input box is answered with `value`, after its own validation accepts it. */
  input(value: string | typeof ESCAPE): this {
    this.answers.push({ kind: 'input', value });
    return this;
  }

  /** The next warning (modal or not) is answered by pressing `button`. */
  warning(button: string | typeof ESCAPE): this {
    this.answers.push({ kind: 'warning', button });
    return this;
  }

  /** Every scripted answer was used, and no prompt came unexpectedly. */
  assertDone(): void {
    if (this.failure) throw this.failure;
    if (this.answers.length > 0) throw new Error(`${this.answers.length} scripted answer(s) never asked for: ${this.answers.map((a) => a.kind).join(', ')}`);
  }

  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true }): Thenable<readonly T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions & { canPickMany?: false }): Thenable<T | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions): Thenable<T | readonly T[] | undefined> {
    return Promise.resolve().then(() => this.answerPick(items, options));
  }

  private answerPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions | undefined): T | readonly T[] | undefined {
    const answer = this.next('pick', options?.title ?? options?.placeHolder ?? '');
    if (answer.labels.includes(ESCAPE)) return undefined;
    const chosen = answer.labels.map((label) => {
      const item = items.find((i) => (typeof label === 'string' ? i.label === label : (label as RegExp).test(i.label)));
      if (!item) throw this.fail(`No item "${String(label)}" in the quick pick "${options?.title ?? ''}": ${items.map((i) => i.label).join(' | ')}`);
      return item;
    });
    return options?.canPickMany === true ? chosen : chosen[0];
  }

  async showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const answer = this.next('input', options.title ?? options.prompt ?? '');
    if (answer.value === ESCAPE) return undefined;
    const problem = await options.validateInput?.(answer.value);
    const message = typeof problem === 'string' ? problem : problem?.message;
    if (message !== undefined && message !== '') throw this.fail(`The input box "${options.title ?? ''}" refused "${answer.value}": ${message}`);
    return answer.value;
  }

  showWarningMessage(message: string, _options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> {
    return Promise.resolve().then(() => {
      const answer = this.next('warning', message);
      if (answer.button === ESCAPE) return undefined;
      if (!items.includes(answer.button)) throw this.fail(`The warning "${message}" has no button "${answer.button}": ${items.join(' | ')}`);
      return answer.button;
    });
  }

  private next<K extends Answer['kind']>(kind: K, text: string): Extract<Answer, { kind: K }> {
    this.asked.push({ kind, text });
    const answer = this.answers.shift();
    if (!answer) throw this.fail(`Unexpected ${kind} prompt: "${text}"`);
    if (answer.kind !== kind) throw this.fail(`Expected a ${answer.kind} prompt, got a ${kind}: "${text}"`);
    return answer as Extract<Answer, { kind: K }>;
  }

  private fail(message: string): Error {
    const error = new Error(message);
    this.failure ??= error;
    return error;
  }
}

/** Installs a fresh script as the extension's user input; `release` restores the window's prompts. */
export function useScript(api: ChargebeeTestApi): { readonly ui: TestUserInput; readonly release: () => void } {
  const ui = new TestUserInput();
  api.userInput.use(ui);
  return { ui, release: () => api.userInput.use(undefined) };
}

/** Runs `work` with `script` answering its prompts, and checks every answer was used. */
export async function withAnswers<T>(api: ChargebeeTestApi, script: (ui: TestUserInput) => void, work: () => Thenable<T> | Promise<T>): Promise<T> {
  const { ui, release } = useScript(api);
  script(ui);
  try {
    const result = await work();
    ui.assertDone();
    return result;
  } finally {
    release();
  }
}
