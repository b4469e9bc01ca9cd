/** The paged Quick Pick (paged-pick.ts) on VS Code's own QuickPick. */
import * as vscode from 'vscode';
import type { PickerItem } from './page';
import { runPagedPick, runPagedStep, type PagedPick, type PagedPickOptions, type PagedStep } from './paged-pick';
import type { PickerClient } from './types';

export type { PagedPick, PagedPickOptions, PagedStep } from './paged-pick';

/** Where the QuickPick comes from: the injected UserInput (so tests can script it), or the window's. */
export interface QuickPickSource {
  createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T>;
}

/** Resolves with the picked entry (or typed id), or undefined when the user backs out. */
export function pickPaged<I extends PickerItem>(client: PickerClient, options: Omit<PagedPickOptions<I>, 'step' | 'anyLabel'>, source: QuickPickSource = vscode.window): Promise<PagedPick<I> | undefined> {
  return runPagedPick(source.createQuickPick(), client, options);
}

/** A paged pick as one step of a multi-step input, with VS Code's Back button. */
export function pickPagedStep<I extends PickerItem>(client: PickerClient, options: PagedPickOptions<I>, source: QuickPickSource = vscode.window): Promise<PagedStep<I> | undefined> {
  return runPagedStep(source.createQuickPick(), client, { backButton: vscode.QuickInputButtons.Back, ...options });
}
