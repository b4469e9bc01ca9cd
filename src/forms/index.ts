// The form engine's public surface, shared by the extension host and the webview bundle.
export * from './values';
export * from './model';
export * from './money';
export * from './dates';
export * from './filters';
export * from './convert';
export * from './validate-form';
