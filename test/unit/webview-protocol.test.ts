import * as assert from 'node:assert/strict';
import { LIMITS, PICKER_KINDS, parseWebviewMessage } from '../../src/webview/protocol';
import type { WebviewToHost } from '../../src/webview/protocol';

const values = {
  path: { quote_id: 'Q-1' },
  fields: { name: 'x', 'subscription[plan_id]': 'basic', taxable: true },
  rows: { addons: [{ id: 'a', quantity: '2' }] },
  lists: { coupon_ids: ['C1'] },
  filters: [{ group: 'customer', field: 'email', op: 'in', values: ['a', 'b'] }],
};

const valid: WebviewToHost[] = [
  { type: 'ready' },
  { type: 'cancel' },
  { type: 'change', values },
  { type: 'submit', values },
  { type: 'copyCurl', values },
  { type: 'pickerQuery', requestId: 3, kind: 'customer', text: 'acme' },
  { type: 'pickerQuery', requestId: 4, kind: 'item_price', text: '', offset: '["1","2"]' },
  { type: 'savePreset', name: 'Monthly', values },
  { type: 'loadPreset', name: 'Monthly' },
];

/** A copy of `base` with one property replaced (or removed with `undefined` and del). */
function withProp(base: object, key: string, value: unknown, del = false): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  if (del) delete out[key];
  else out[key] = value;
  return out;
}

describe('webview protocol: parseWebviewMessage', () => {
  it('accepts every well-formed message unchanged', () => {
    for (const msg of valid) assert.deepEqual(parseWebviewMessage(JSON.parse(JSON.stringify(msg))), msg, msg.type);
  });

  it('rejects non-objects, unknown types and missing types', () => {
    for (const raw of [undefined, null, 1, 'ready', [], [{ type: 'ready' }], {}, { type: 1 }, { type: 'READY' }, { type: 'init' }, { type: 'delete_everything' }]) {
      assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
    }
  });

  it('rejects each message with any required field missing', () => {
    for (const msg of valid) {
      for (const key of Object.keys(msg)) {
        if (key === 'type' || key === 'offset') continue;
        assert.equal(parseWebviewMessage(withProp(msg, key, undefined, true)), undefined, `${msg.type} without ${key}`);
      }
    }
  });

  it('rejects extra properties', () => {
    for (const msg of valid) assert.equal(parseWebviewMessage({ ...msg, extra: 1 }), undefined, msg.type);
  });

  it('rejects wrong field types in picker queries', () => {
    const q = { type: 'pickerQuery', requestId: 1, kind: 'customer', text: 'a' };
    for (const [key, bad] of [
      ['requestId', '1'],
      ['requestId', -1],
      ['requestId', 1.5],
      ['requestId', Number.NaN],
      ['kind', 'invoice'],
      ['kind', 1],
      ['text', 5],
      ['text', 'x'.repeat(LIMITS.name + 1)],
      ['offset', 10],
    ] as const) {
      assert.equal(parseWebviewMessage(withProp(q, key, bad)), undefined, `${key}=${String(bad)}`);
    }
    for (const kind of PICKER_KINDS) assert.ok(parseWebviewMessage({ ...q, kind }), kind);
  });

  it('rejects malformed form values at every level', () => {
    const bad: unknown[] = [
      null,
      [],
      withProp(values, 'fields', undefined, true),
      withProp(values, 'fields', { name: 1 }),
      withProp(values, 'fields', { name: null }),
      withProp(values, 'fields', { name: { nested: 'x' } }),
      withProp(values, 'fields', { name: 'x'.repeat(LIMITS.text + 1) }),
      withProp(values, 'path', { quote_id: true }),
      withProp(values, 'rows', { addons: { id: 'a' } }),
      withProp(values, 'rows', { addons: [{ id: 3 }] }),
      withProp(values, 'rows', { addons: Array.from({ length: LIMITS.rows + 1 }, () => ({})) }),
      withProp(values, 'lists', { coupon_ids: [1] }),
      withProp(values, 'lists', { coupon_ids: 'C1' }),
      withProp(values, 'filters', {}),
      withProp(values, 'filters', [{ group: '', field: 'a', op: 'is' }]),
      withProp(values, 'filters', [{ group: '', field: 'a', op: 'is', values: 'x' }]),
      withProp(values, 'filters', [{ group: '', field: 'a', op: 'is', values: [], more: 1 }]),
      withProp(values, 'extra', {}),
      withProp(values, 'fields', Object.fromEntries(Array.from({ length: LIMITS.keys + 1 }, (_, i) => [`f${i}`, '']))),
      withProp(values, 'fields', { ['k'.repeat(LIMITS.name + 1)]: 'x' }),
      withProp(values, 'fields', JSON.parse('{"__proto__": "x"}') as unknown),
      withProp(values, 'fields', new Map([['a', 'b']])),
    ];
    for (const [i, v] of bad.entries()) {
      assert.equal(parseWebviewMessage({ type: 'submit', values: v }), undefined, `case ${i}`);
      assert.equal(parseWebviewMessage({ type: 'change', values: v }), undefined, `change case ${i}`);
    }
  });

  it('rejects blank or oversized preset names', () => {
    for (const name of ['', '   ', 'x'.repeat(LIMITS.name + 1), 7]) {
      assert.equal(parseWebviewMessage({ type: 'savePreset', name, values }), undefined, String(name));
      assert.equal(parseWebviewMessage({ type: 'loadPreset', name }), undefined, String(name));
    }
  });
});
