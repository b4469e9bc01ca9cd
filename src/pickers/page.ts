/**
 * What every picker answers with, in quick picks and in form webviews alike. No imports: the browser
 * bundle reads these types through webview/protocol.ts, and the form engine sits above the pickers.
 */

export interface PickerItem {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
}

export interface PickerPage {
  readonly items: readonly PickerItem[];
  readonly nextOffset?: string;
}
