/**
 * The webview panel types the extension restores after a reload. They live apart from the panels'
 * code so activate() can register the panel serializers without loading that code (see
 * src/commands/lazy.ts): VS Code asks for a serializer as soon as the extension starts.
 */
export const FORM_VIEW_TYPE = 'chargebee.form';
export const QUOTE_DETAIL_VIEW_TYPE = 'chargebee.quoteDetail';
