/**
 * The export job actions, as registered and as named in package.json. Kept apart from commands.ts
 * (which imports `vscode`) so the central id map can be read by plain Node unit tests.
 */
export const EXPORT_JOB_COMMANDS = {
  openFile: 'chargebee.exports.openFile',
  revealFile: 'chargebee.exports.revealFile',
  download: 'chargebee.exports.downloadAgain',
  runAgain: 'chargebee.exports.runAgain',
  copyId: 'chargebee.exports.copyId',
  remove: 'chargebee.exports.removeJob',
  cancel: 'chargebee.exports.cancelJob',
  clearFinished: 'chargebee.exports.clearFinished',
} as const;

export type ExportJobCommand = (typeof EXPORT_JOB_COMMANDS)[keyof typeof EXPORT_JOB_COMMANDS];
