/** The paged Quick Pick (paged-pick.ts) on VS Code's own QuickPick. */
import * as vscode from 'vscode';
import type { PickerItem } from './page';
import { runPagedPick, type PagedPick, type PagedPickOptions } from './paged-pick';
import type { PickerClient } from './types';

export type { PagedPick, PagedPickOptions } from './paged-pick';

/** Resolves with the picked entry (or typed id), or undefined when the user backs out. */
export function pickPaged<I extends PickerItem>(client: PickerClient, options: PagedPickOptions<I>): Promise<PagedPick<I> | undefined> {
  return runPagedPick(vscode.window.createQuickPick(), client, options);
}
