import * as assert from 'node:assert/strict';
import { int, list, money, str } from '../../src/chargebee/catalog/builders';
import type { EndpointSpec, PickerKind } from '../../src/chargebee/catalog/types';
import { buildFormModel } from '../../src/forms/model';
import type { FormValues } from '../../src/forms/values';
import { emptyValues } from '../../src/forms/values';
import { buildRequestFor } from '../../src/webview/build-request';
import type { FormController, Submission, SubmitOutcome } from '../../src/webview/form-controller';
import { FormSession } from '../../src/webview/form-session';
import type { HostToWebview } from '../../src/webview/protocol';

const spec: EndpointSpec = {
  id: 'test.charges',
  method: 'POST',
  path: '/subscriptions/{subscription_id}/charges',
  title: 'Charges',
  pathParams: [str('subscription_id', 50, { required: true })],
  params: [str('description', 50, { required: true }), list('charges', [money('amount', { min: 0 }), int('quantity', { min: 1 })])],
  response: 'subscription',
};
const model = buildFormModel(spec, { catalogVersion: 2, multiDecimal: false });
const site = { name: 'acme-test', currency: 'USD', multiDecimal: false, mode: 'test' as const };

class ParamError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

interface Harness {
  session: FormSession;
  posted: HostToWebview[];
  copied: string[];
  closed: number;
  warnings: string[];
  submissions: Submission[];
  release: (outcome: SubmitOutcome | Error) => void;
}

function harness(overrides: Partial<FormController> = {}): Harness {
  const h: Harness = { posted: [], copied: [], closed: 0, warnings: [], submissions: [], release: () => undefined } as unknown as Harness;
  const controller: FormController = {
    definition: { model, site },
    onPickerQuery: (kind: PickerKind, text: string, offset: string | undefined) =>
      Promise.resolve({ items: [{ id: `${kind}-${text}`, label: text, description: offset ?? 'first' }], nextOffset: 'next' }),
    onSubmit: (submission) => {
      h.submissions.push(submission);
      return new Promise<SubmitOutcome>((resolve, reject) => {
        h.release = (o) => (o instanceof Error ? reject(o) : resolve(o));
      });
    },
    buildRequest: (submission) => buildRequestFor(spec, submission, { baseUrl: 'https://acme-test.example/api/v2' }),
    ...overrides,
  };
  h.session = new FormSession(
    controller,
    {
      post: (m) => h.posted.push(m),
      copyText: (text) => {
        h.copied.push(text);
        return Promise.resolve();
      },
      close: () => {
        h.closed += 1;
      },
      warn: (m) => h.warnings.push(m),
    },
    'form-1',
  );
  return h;
}

const good: FormValues = { ...emptyValues(), path: { subscription_id: 'sub_1' }, fields: { description: 'Usage' }, rows: { charges: [{}, { amount: '12.50', quantity: '2' }] } };
const last = <T extends HostToWebview['type']>(h: Harness, type: T): Extract<HostToWebview, { type: T }> | undefined =>
  h.posted.filter((m): m is Extract<HostToWebview, { type: T }> => m.type === type).at(-1);
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('webview form session', () => {
  it('answers ready with init and a preview of the encoded request', async () => {
    const h = harness({ initialValues: good });
    await h.session.handle({ type: 'ready' });
    const init = last(h, 'init');
    assert.ok(init);
    assert.equal(init.formId, 'form-1');
    assert.equal(init.submitLabel, 'Create');
    assert.equal(init.busy, false);
    assert.equal(init.presets, undefined);
    assert.deepEqual(init.values, good);
    const preview = last(h, 'preview')?.preview;
    assert.ok(preview);
    assert.equal(preview.path, '/subscriptions/sub_1/charges');
    assert.equal(preview.body, 'description=Usage\ncharges[amount][0]=1250\ncharges[quantity][0]=2');
    assert.match(preview.curl, /^curl https:\/\/acme-test\.example\/api\/v2\/subscriptions\/sub_1\/charges/);
    assert.match(preview.curl, /\{api_key\}/);
  });

  it('drops malformed messages with a warning and nothing posted', async () => {
    const h = harness();
    await h.session.handle({ type: 'submit', values: { fields: 3 } });
    await h.session.handle({ type: 'eval', code: 'x' });
    assert.equal(h.posted.length, 0);
    assert.equal(h.warnings.length, 2);
  });

  it('refuses an invalid submit with field errors, without calling the feature', async () => {
    const h = harness();
    await h.session.handle({ type: 'submit', values: { ...good, fields: {}, rows: { charges: [{ amount: '1,5' }] } } });
    assert.equal(h.submissions.length, 0);
    const fields = last(h, 'validation')?.errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['charges[amount][0]', 'description']);
    const result = last(h, 'submitResult');
    assert.ok(result && !result.ok);
    assert.match(result.message, /2 fields need attention/);
  });

  it('runs one submit at a time and hands the feature the converted tree', async () => {
    const h = harness();
    const first = h.session.handle({ type: 'submit', values: good });
    await tick();
    assert.equal(h.session.busy, true);
    await h.session.handle({ type: 'submit', values: good });
    assert.equal(h.submissions.length, 1);
    assert.ok(h.warnings.some((w) => /while one is running/.test(w)));
    assert.deepEqual(h.submissions[0]?.tree, { description: 'Usage', charges: [{ amount: 1250, quantity: 2 }] });
    assert.deepEqual(h.submissions[0]?.pathParams, { subscription_id: 'sub_1' });
    h.release({ summary: 'Created 1 charge', table: { columns: ['id'], rows: [['c1']] } });
    await first;
    assert.deepEqual(last(h, 'submitResult'), { type: 'submitResult', ok: true, summary: 'Created 1 charge', table: { columns: ['id'], rows: [['c1']] } });
    assert.equal(h.session.busy, false);
  });

  it('puts a server error with a param on the form field of that row', async () => {
    const h = harness();
    const run = h.session.handle({ type: 'submit', values: good });
    await tick();
    // Tree row 0 is form row 1: the blank first row was dropped.
    h.release(new ParamError('quantity is too large', 'charges[quantity][0]'));
    await run;
    // On the field, with the field's label where the API put its name.
    assert.deepEqual(last(h, 'submitResult'), { type: 'submitResult', ok: false, message: 'Quantity is too large', field: 'charges[quantity][1]' });
    assert.deepEqual(h.session.currentValues, good, 'everything typed is kept');
  });

  it('adds the feature’s cross-field checks to the catalog rules', async () => {
    const h = harness({ validate: (s) => (s.values.fields['description'] === 'Usage' ? [{ field: 'description', message: 'Describe it better' }] : []) });
    await h.session.handle({ type: 'submit', values: good });
    // Labelled as the host's: the webview keeps it until the field changes (it cannot re-run the rule).
    assert.deepEqual(last(h, 'validation')?.errors, [{ field: 'description', message: 'Describe it better', origin: 'host' }]);
    assert.equal(h.submissions.length, 0);
  });

  it('answers a check (the webview found errors) with every rule\'s errors and sends nothing', async () => {
    const h = harness({ validate: (s) => (s.values.fields['description'] === 'Usage' ? [{ field: 'description', message: 'Describe it better' }] : []) });
    const bad: FormValues = { ...good, rows: { charges: [{ amount: '12.505' }] } };
    await h.session.handle({ type: 'check', values: bad });
    assert.deepEqual(last(h, 'validation')?.errors.map((e) => [e.field, e.origin]), [['charges[amount][0]', 'host'], ['description', 'host']]);
    assert.equal(h.submissions.length, 0);
  });

  it('answers picker queries by request id, errors included', async () => {
    const h = harness();
    await h.session.handle({ type: 'pickerQuery', requestId: 7, kind: 'customer', text: 'ac', offset: 'o1' });
    assert.deepEqual(last(h, 'pickerResults'), { type: 'pickerResults', requestId: 7, items: [{ id: 'customer-ac', label: 'ac', description: 'o1' }], nextOffset: 'next' });
    const failing = harness({ onPickerQuery: () => Promise.reject(new Error('offline')) });
    await failing.session.handle({ type: 'pickerQuery', requestId: 8, kind: 'plan', text: '' });
    assert.deepEqual(last(failing, 'pickerResults'), { type: 'pickerResults', requestId: 8, items: [], error: 'offline' });
  });

  it('copies the curl of the latest values and closes on cancel', async () => {
    const h = harness();
    await h.session.handle({ type: 'copyCurl', values: good });
    assert.equal(h.copied.length, 1);
    assert.match(h.copied[0] ?? '', /charges\[amount\]\[0\]=1250/);
    assert.ok(!/acme-test\.example\/api\/v2.*:[^{]*@/.test(h.copied[0] ?? ''));
    await h.session.handle({ type: 'cancel' });
    assert.equal(h.closed, 1);
  });

  it('saves and loads presets through the feature’s store', async () => {
    const store = new Map<string, FormValues>();
    const h = harness({
      presets: {
        list: () => [...store.keys()],
        save: (name, values) => Promise.resolve(void store.set(name, values)),
        load: (name) => Promise.resolve(store.get(name)),
      },
    });
    await h.session.handle({ type: 'ready' });
    assert.deepEqual(last(h, 'init')?.presets, []);
    await h.session.handle({ type: 'savePreset', name: 'Weekly', values: good });
    assert.deepEqual(last(h, 'presets')?.names, ['Weekly']);
    await h.session.handle({ type: 'loadPreset', name: 'Weekly' });
    assert.deepEqual(last(h, 'setValues')?.values, good);
  });

  it('re-sends init with the latest values and the busy flag after the webview reloads', async () => {
    const h = harness();
    await h.session.handle({ type: 'change', values: good });
    const run = h.session.handle({ type: 'submit', values: good });
    await tick();
    await h.session.handle({ type: 'ready' });
    const init = last(h, 'init');
    assert.equal(init?.busy, true);
    assert.deepEqual(init?.values, good);
    h.session.dispose();
    h.release(new Error('aborted'));
    await run;
  });
});
