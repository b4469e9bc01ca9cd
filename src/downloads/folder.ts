import * as path from 'node:path';

export const DEFAULT_FOLDER_NAME = 'chargebee-exports';

/**
 * Where downloads go: the `downloadFolder` setting (absolute, or relative to the first workspace folder,
 * `~` expanded), else a `chargebee-exports` folder in the workspace, else the extension's global storage.
 * Workspace folders that aren't on the local file system (virtual workspaces) are skipped.
 */
export function resolveDownloadFolder(input: {
  readonly setting: string | undefined;
  /** File-system path of the first `file:` workspace folder. */
  readonly workspaceFolder: string | undefined;
  readonly globalStorage: string;
  readonly home: string;
}): string {
  const setting = input.setting?.trim() ?? '';
  if (setting !== '') {
    const expanded = setting === '~' || setting.startsWith('~/') ? path.join(input.home, setting.slice(1)) : setting;
    if (path.isAbsolute(expanded)) return path.normalize(expanded);
    return path.resolve(input.workspaceFolder ?? input.globalStorage, expanded);
  }
  if (input.workspaceFolder !== undefined) return path.join(input.workspaceFolder, DEFAULT_FOLDER_NAME);
  return path.join(input.globalStorage, 'exports');
}
