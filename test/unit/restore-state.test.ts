/** The state a form webview keeps for the panel serializer (src/webview/restore-state.ts). */
import * as assert from 'node:assert/strict';
import { emptyValues } from '../../src/forms/values';
import { savedStateOf } from '../../src/webview/restore-state';

describe('webview: saved form state for reloads', () => {
  const restore = { kind: 'quotes.new', args: { siteId: 'acme-test', kind: 'onetime', catalog: 1 } };

  it('reads the form id, the restore reference and the typed values', () => {
    const values = { ...emptyValues(), fields: { customer_id: 'cus_1' } };
    assert.deepEqual(savedStateOf({ formId: 'f#1', values, restore }), { formId: 'f#1', values, restore });
  });

  it('keeps the reference when the values are malformed, and refuses states without one', () => {
    assert.deepEqual(savedStateOf({ formId: 'f#1', values: { fields: { __proto__: 1 } }, restore }), { formId: 'f#1', restore });
    assert.equal(savedStateOf({ formId: 'f#1', values: emptyValues() }), undefined);
    assert.equal(savedStateOf({ formId: 'f#1', restore: { kind: 'x', args: { nested: { a: 1 } } } }), undefined);
    assert.equal(savedStateOf(undefined), undefined);
  });
});
