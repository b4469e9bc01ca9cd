/**
 * One step of a multi-step input on VS Code's own QuickPick and InputBox, as the multi-step sample
 * does it: "2/3" beside the title, and the Back button from step 2 on. showQuickPick and showInputBox
 * offer neither, so a step is built from createQuickPick / createInputBox.
 */
import * as vscode from 'vscode';

interface Step {
  readonly step: number;
  readonly totalSteps?: number;
}

function chrome(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, title: string | undefined, step: Step): void {
  input.title = title;
  input.step = step.step;
  input.totalSteps = step.totalSteps;
  input.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
}

export function showPickStep<T extends vscode.QuickPickItem, B>(items: readonly T[], options: vscode.QuickPickOptions, step: Step, back: B): Promise<T | readonly T[] | B | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  chrome(qp, options.title, step);
  qp.placeholder = options.placeHolder;
  qp.canSelectMany = options.canPickMany === true;
  qp.matchOnDescription = options.matchOnDescription ?? false;
  qp.matchOnDetail = options.matchOnDetail ?? false;
  qp.ignoreFocusOut = options.ignoreFocusOut ?? false;
  qp.items = items;
  if (qp.canSelectMany) qp.selectedItems = items.filter((i) => i.picked === true);
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: T | readonly T[] | B | undefined): void => {
      if (done) return;
      done = true;
      resolve(value);
      qp.dispose();
    };
    qp.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) finish(back);
    });
    qp.onDidAccept(() => {
      if (qp.canSelectMany) finish([...qp.selectedItems]);
      else if (qp.selectedItems[0] !== undefined) finish(qp.selectedItems[0]);
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

export function showInputStep<B>(options: vscode.InputBoxOptions, step: Step, back: B): Promise<string | B | undefined> {
  const box = vscode.window.createInputBox();
  chrome(box, options.title, step);
  box.prompt = options.prompt;
  box.placeholder = options.placeHolder;
  box.value = options.value ?? '';
  box.password = options.password ?? false;
  box.ignoreFocusOut = options.ignoreFocusOut ?? false;
  return new Promise((resolve) => {
    let done = false;
    let version = 0;
    const finish = (value: string | B | undefined): void => {
      if (done) return;
      done = true;
      resolve(value);
      box.dispose();
    };
    const check = async (value: string): Promise<boolean> => {
      const mine = ++version;
      const problem = await options.validateInput?.(value);
      if (mine !== version) return false;
      box.validationMessage = problem ?? undefined;
      return problem === undefined || problem === null || problem === '';
    };
    box.onDidChangeValue((v) => void check(v));
    box.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) finish(back);
    });
    box.onDidAccept(async () => {
      if (await check(box.value)) finish(box.value);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
    if (box.value !== '') void check(box.value);
  });
}
