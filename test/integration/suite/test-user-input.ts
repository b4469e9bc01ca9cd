/**
 * Scripted answers for the extension's prompts, as the Azure extensions' TestUserInput gives them:
 * a queue of expected prompts, each answered in order; a prompt nobody scripted, or one of another
 * kind than expected, fails loudly (the command's promise rejects and `assertDone` names it).
 * `useScript` installs it through the Test-mode API; `dispose` puts the window's prompts back.
 */
import * as vscode from 'vscode';
import type { ChargebeeTestApi } from '../../../src/api';
import { BACK, type Back, type InputStep, type UserInput } from '../../../src/commands/user-input';

/** What a quick pick is answered with: the label of the item (exact or matching), or Escape. */
type PickAnswer = string | RegExp | typeof ESCAPE;
type Answer =
  | { readonly kind: 'pick'; readonly labels: readonly PickAnswer[] }
  | { readonly kind: 'input'; readonly value: string | typeof ESCAPE }
  | { readonly kind: 'warning'; readonly button: string | typeof ESCAPE }
  | { readonly kind: 'back' };

/** Answers a prompt as Escape would: undefined. */
export const ESCAPE = Symbol('escape');

export interface AskedPrompt {
  readonly kind: Answer['kind'];
  /** The title, prompt or message, for assertions about what was asked. */
  readonly text: string;
  /** A multi-step input's place, "2/3" (or "1" while the count is open); absent for a lone prompt. */
  readonly step?: string;
}

function stepText(step: unknown): string | undefined {
  if (typeof step !== 'object' || step === null) return undefined;
  const { step: n, totalSteps } = step as { step?: unknown; totalSteps?: unknown };
  if (typeof n !== 'number') return undefined;
  return typeof totalSteps === 'number' ? `${n}/${totalSteps}` : String(n);
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

  /** The next step of a multi-step input (pick or input box) is answered with its Back button. */
  back(): this {
    this.answers.push({ kind: 'back' });
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

  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true; step: InputStep }): Thenable<readonly T[] | Back | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany?: false; step: InputStep }): Thenable<T | Back | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true }): Thenable<readonly T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions & { canPickMany?: false }): Thenable<T | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions): Thenable<T | readonly T[] | Back | undefined> {
    return Promise.resolve().then(() => this.answerPick(items, options));
  }

  private answerPick<T extends vscode.QuickPickItem>(items: readonly T[], options: (vscode.QuickPickOptions & { step?: unknown }) | undefined): T | readonly T[] | Back | undefined {
    if (this.backNow('pick', options?.title ?? '', options?.step)) return BACK;
    const answer = this.next('pick', options?.title ?? options?.placeHolder ?? '', stepText(options?.step));
    if (answer.labels.includes(ESCAPE)) return undefined;
    const chosen = answer.labels.map((label) => {
      const item = items.find((i) => (typeof label === 'string' ? i.label === label : (label as RegExp).test(i.label)));
      if (!item) throw this.fail(`No item "${String(label)}" in the quick pick "${options?.title ?? ''}": ${items.map((i) => i.label).join(' | ')}`);
      return item;
    });
    return options?.canPickMany === true ? chosen : chosen[0];
  }

  showInputBox(options: vscode.InputBoxOptions & { step: InputStep }): Promise<string | Back | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined>;
  async showInputBox(options: vscode.InputBoxOptions & { step?: unknown }): Promise<string | Back | undefined> {
    if (this.backNow('input', options.title ?? '', options.step)) return BACK;
    const answer = this.next('input', options.title ?? options.prompt ?? '', stepText(options.step));
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

  /**
   * A scripted quick pick: once it has settled (not busy, items shown), the next `pick` answer selects
   * the row with that label and accepts, Escape hides it, and `back()` presses its Back button.
   */
  createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T> {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const button = new vscode.EventEmitter<vscode.QuickInputButton>();
    const value = new vscode.EventEmitter<string>();
    const itemButton = new vscode.EventEmitter<vscode.QuickPickItemButtonEvent<T>>();
    const qp = {
      title: undefined as string | undefined,
      placeholder: undefined as string | undefined,
      value: '',
      items: [] as readonly T[],
      activeItems: [] as readonly T[],
      selectedItems: [] as readonly T[],
      busy: false,
      matchOnDescription: false,
      matchOnDetail: false,
      ignoreFocusOut: false,
      step: undefined as number | undefined,
      totalSteps: undefined as number | undefined,
      buttons: [] as readonly vscode.QuickInputButton[],
      onDidAccept: accept.event,
      onDidHide: hide.event,
      onDidTriggerButton: button.event,
      onDidChangeValue: value.event,
      onDidTriggerItemButton: itemButton.event,
      show: (): void => {
        void (async () => {
          for (let i = 0; i < 400 && (qp.busy || qp.items.length === 0); i++) await new Promise((r) => setTimeout(r, 25));
          try {
            if (this.backNow('pick', qp.title ?? '', { step: qp.step, totalSteps: qp.totalSteps })) {
              button.fire(vscode.QuickInputButtons.Back);
              return;
            }
            const answer = this.next('pick', qp.title ?? qp.placeholder ?? '', stepText({ step: qp.step, totalSteps: qp.totalSteps }));
            const label = answer.labels[0];
            if (label === undefined || label === ESCAPE) {
              hide.fire();
              return;
            }
            const item = qp.items.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label)));
            if (!item) throw this.fail(`No item "${String(label)}" in the quick pick "${qp.title ?? ''}": ${qp.items.map((i) => i.label).join(' | ')}`);
            qp.selectedItems = [item];
            qp.activeItems = [item];
            accept.fire();
          } catch {
            hide.fire();
          }
        })();
      },
      dispose: (): void => {
        accept.dispose();
        hide.dispose();
        button.dispose();
        value.dispose();
        itemButton.dispose();
      },
    };
    return qp as unknown as vscode.QuickPick<T>;
  }

  /** Whether a `back()` answer is next (consumed here); a step without Back refuses it. */
  private backNow(kind: 'pick' | 'input', text: string, step: unknown): boolean {
    if (this.answers[0]?.kind !== 'back') return false;
    const place = stepText(step);
    this.asked.push({ kind, text, ...(place !== undefined ? { step: place } : {}) });
    this.answers.shift();
    const n = typeof step === 'object' && step !== null ? (step as { step?: unknown }).step : undefined;
    if (typeof n !== 'number' || n < 2) throw this.fail(`Back pressed on "${text}", which has no Back button`);
    return true;
  }

  private next<K extends Answer['kind']>(kind: K, text: string, step?: string): Extract<Answer, { kind: K }> {
    this.asked.push({ kind, text, ...(step !== undefined ? { step } : {}) });
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
