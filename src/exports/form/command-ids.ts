/**
 * Commands of the "New Export" form and the presets, as registered and as named in package.json.
 * (The job actions live in ../command-ids.ts, EXPORT_JOB_COMMANDS.)
 */
export const EXPORT_FORM_COMMANDS = {
  /** Palette and the Export Jobs view title ("+"). Optional argument: NewExportArgs. */
  newExport: 'chargebee.exports.new',
  /** Palette, or a preset name as argument. */
  runPreset: 'chargebee.exports.runPreset',
  deletePreset: 'chargebee.exports.deletePreset',
  /** A job (tree item) argument: its form, pre-filled with the job's params, to change and run again. */
  editAndRunAgain: 'chargebee.exports.editAndRunAgain',
} as const;

export type ExportFormCommand = (typeof EXPORT_FORM_COMMANDS)[keyof typeof EXPORT_FORM_COMMANDS];
