/**
 * The import form's own logic on Node: the cross-row checks, the charge-id picker, the request the
 * preview and "Copy as curl" show, the result table, argument parsing and idempotency key reuse.
 */
import assert from 'node:assert/strict';
import { ChargebeeError } from '../../src/chargebee/errors';
import { SubmissionKey } from '../../src/chargebee/submission-key';
import { validateForm } from '../../src/forms/validate-form';
import type { FormValues, RowValues } from '../../src/forms/values';
import { emptyValues } from '../../src/forms/values';
import { headerFieldPath } from '../../src/request-headers/form-group';
import { subscriptionIdOf } from '../../src/subscriptions/args';
import type { SubscriptionClient, UnbilledSite } from '../../src/subscriptions/deps';
import { createUnbilledFormController } from '../../src/subscriptions/unbilled-controller';
import { CHARGE_ROW_PICKER, ENTITY_PICKER, unbilledFormModel } from '../../src/subscriptions/unbilled-model';
import { importedCharges, resultTable } from '../../src/subscriptions/unbilled-result';
import type { Submission } from '../../src/webview/form-controller';

const unusedClient: SubscriptionClient = {
  call: () => Promise.reject(new Error('no API in this test')),
  request: () => Promise.reject(new Error('no API in this test')),
};

function site(over: Partial<UnbilledSite> = {}): UnbilledSite {
  return {
    id: 'site-1',
    info: { name: 'acme-test', currency: 'USD', multiDecimal: false, mode: 'test' },
    baseUrl: 'https://acme-test.chargebee.com/api/v2',
    client: unusedClient,
    confirmWrite: () => Promise.resolve(true),
    ...over,
  };
}

function values(charges: RowValues[], discounts: RowValues[] = [], tiers: RowValues[] = [], fields: FormValues['fields'] = {}): FormValues {
  return { ...emptyValues(), path: { subscription_id: 'sub_1' }, fields, rows: { unbilled_charges: charges, discounts, tiers } };
}

const controller = createUnbilledFormController({ site: site(), subscriptionId: 'sub_1', siteHeaders: () => ({ originDevice: 'web' }) });
const model = controller.definition.model;

/** What the session does before a submit: the catalog's checks, then the controller's. */
function check(v: FormValues): { errors: Map<string, string>; submission: Submission } {
  const base = validateForm(model, v, { currency: 'USD' });
  const submission: Submission = { values: v, tree: base.conversion.tree, pathParams: v.path };
  const all = [...base.errors, ...(controller.validate?.(submission) ?? [])];
  return { errors: new Map(all.map((e) => [e.field, e.message])), submission };
}

const charge = (over: RowValues = {}): RowValues => ({ date_from: '2024-03-01', date_to: '2024-03-31', entity_type: 'adhoc', amount: '10.00', ...over });

describe('import unbilled charges: checks before submit', () => {
  it('accepts two charges with a linked discount and a linked tier', () => {
    const { errors } = check(values(
      [charge({ id: 'c1' }), charge({ id: 'c2', entity_type: 'plan_item_price', entity_id: 'pro-USD-Monthly', unit_amount: '2.50', quantity: '4' })],
      [{ unbilled_charge_id: 'c2', amount: '1.00', entity_type: 'item_level_coupon', entity_id: 'SAVE5-USD' }],
      [{ unbilled_charge_id: 'c1', starting_unit: '1', ending_unit: '10', unit_amount: '1.00' }],
    ));
    assert.deepEqual([...errors], []);
  });

  it('refuses a date_from after date_to, on the To field of that row', () => {
    const { errors } = check(values([charge(), charge({ date_from: '2024-04-02', date_to: '2024-04-01' })]));
    assert.match(errors.get('unbilled_charges[date_to][1]') ?? '', /before From/);
    assert.equal(errors.has('unbilled_charges[date_to][0]'), false);
  });

  it('refuses negative amounts, the decimal variants included', () => {
    const multi = createUnbilledFormController({ site: site({ info: { name: 'm', currency: 'USD', multiDecimal: true, mode: 'test' } }), subscriptionId: 'sub_1' });
    const v = values([charge({ amount: '-1.00', quantity_in_decimal: '-0.5', unit_amount_in_decimal: '1.25' })], [{ amount: '-2' }]);
    const base = validateForm(multi.definition.model, v, { currency: 'USD' });
    const extra = multi.validate?.({ values: v, tree: base.conversion.tree, pathParams: v.path }) ?? [];
    const fields = new Set([...base.errors, ...extra].map((e) => e.field));
    for (const f of ['unbilled_charges[amount][0]', 'unbilled_charges[quantity_in_decimal][0]', 'discounts[amount][0]']) assert.ok(fields.has(f), f);
    assert.equal(fields.has('unbilled_charges[unit_amount_in_decimal][0]'), false);
  });

  it('applies the per-type entity id rules', () => {
    const { errors } = check(values([charge({ entity_id: 'basic-usd' }), charge({ entity_type: 'addon' })], [{ amount: '1', entity_type: 'document_level_coupon' }]));
    assert.match(errors.get('unbilled_charges[entity_id][0]') ?? '', /empty for adhoc/);
    assert.match(errors.get('unbilled_charges[entity_id][1]') ?? '', /required for addon/);
    assert.ok(errors.has('discounts[entity_id][0]'), 'a coupon discount needs its coupon');
  });

  it('requires discount and tier rows to point at an existing charge row id', () => {
    const { errors } = check(values([charge({ id: 'c1' })], [{ amount: '1', unbilled_charge_id: 'nope' }], [{ starting_unit: '1' }, { unbilled_charge_id: 'c9' }]));
    assert.match(errors.get('discounts[unbilled_charge_id][0]') ?? '', /matches no charge row; use one of c1/);
    assert.ok(errors.has('tiers[unbilled_charge_id][0]'), 'a tier without a charge id');
    assert.match(errors.get('tiers[unbilled_charge_id][1]') ?? '', /c9 matches no charge row/);
  });

  it('refuses duplicate charge ids, an empty import, and a bad origin IP', () => {
    const dup = check(values([charge({ id: 'x' }), charge({ id: 'x' })]));
    assert.match(dup.errors.get('unbilled_charges[id][1]') ?? '', /already used by row 1/);
    assert.ok(check(values([{}])).errors.has('unbilled_charges'));
    const ip = check(values([charge()], [], [], { [headerFieldPath('originIp')]: '10.0.0.256' }));
    assert.ok(ip.errors.has(headerFieldPath('originIp')));
  });
});

describe('import unbilled charges: form model and request', () => {
  it('follows entity_type with the entity picker and links rows through the charge-id picker', () => {
    const charges = model.sections.flatMap((s) => s.items).find((i) => i.kind === 'list' && i.name === 'unbilled_charges');
    assert.ok(charges?.kind === 'list');
    const entity = charges.fields.find((f) => f.name === 'entity_id');
    assert.deepEqual(entity?.picker, { field: 'entity_type', byValue: ENTITY_PICKER });
    assert.equal((ENTITY_PICKER as Readonly<Record<string, string>>)['adhoc'], undefined);
    assert.equal(ENTITY_PICKER.plan, 'plan');
    assert.equal(ENTITY_PICKER.charge_item_price, 'item_price');
    assert.equal(charges.fields.some((f) => f.name.endsWith('_in_decimal')), false, 'no decimal variants without multi-decimal pricing');
    assert.ok(unbilledFormModel({ multiDecimal: true }).sections.flatMap((s) => s.items).some((i) => i.kind === 'list' && i.fields.some((f) => f.name === 'amount_in_decimal')));
    const pc1 = unbilledFormModel({ multiDecimal: false, catalogVersion: 1 }).spec.params.find((p) => p.name === 'unbilled_charges');
    assert.ok(pc1?.kind === 'group');
    assert.deepEqual(pc1.fields.find((f) => f.name === 'entity_type')?.values, ['adhoc', 'plan_setup', 'plan', 'addon']);
  });

  it('answers the charge-id picker from the rows typed so far', async () => {
    const c = createUnbilledFormController({ site: site(), subscriptionId: 'sub_1' });
    c.attachValues(() => values([charge({ id: 'usage-march', description: 'API calls' }), charge(), charge({ id: 'setup' })]));
    const all = await c.onPickerQuery(CHARGE_ROW_PICKER, '', undefined, new AbortController().signal);
    assert.deepEqual(all.items.map((i) => i.id), ['usage-march', 'setup']);
    assert.match(all.items[0]?.description ?? '', /Charge row 1 · adhoc · API calls/);
    const some = await c.onPickerQuery(CHARGE_ROW_PICKER, 'SE', undefined, new AbortController().signal);
    assert.deepEqual(some.items.map((i) => i.id), ['setup']);
  });

  it('shows the headers in the curl and keeps them out of the body', () => {
    const { submission } = check(values([charge({ id: 'c1' })], [], [], { [headerFieldPath('originUser')]: 'jörg@exämple.de', [headerFieldPath('eventEmail')]: 'all-disabled' }));
    const built = controller.buildRequest(submission);
    assert.equal(built.path, '/subscriptions/sub_1/import_unbilled_charges');
    assert.ok(built.pairs.every(([k]) => !k.startsWith('request_headers')), 'headers are not body params');
    assert.ok(built.pairs.some(([k, v]) => k === 'unbilled_charges[amount][0]' && v === '1000'));
    const encoded = Buffer.from('jörg@exämple.de', 'utf8').toString('base64');
    assert.match(built.curl, new RegExp(`-H 'chargebee-request-origin-user-encoded: ${encoded.replace(/[+/=]/g, '\\$&')}'`));
    assert.match(built.curl, /-H 'chargebee-event-email: all-disabled'/);
    assert.match(built.curl, /-H 'chargebee-request-origin-device: web'/, 'the site setting is in the curl too');
    assert.doesNotMatch(built.curl, /authorization/i);
  });
});

describe('import unbilled charges: result and arguments', () => {
  it('reads the response into a table in the charge currency', () => {
    const charges = importedCharges({
      unbilled_charges: [
        { id: 'c1', entity_type: 'adhoc', description: 'Usage', date_from: 1709251200, date_to: 1711843200, amount: 1050, discount_amount: 100, currency_code: 'USD', pricing_model: 'flat_fee', tiers: [] },
        { id: 'c2', entity_type: 'plan', entity_id: 'basic-jpy', amount: 1200, currency_code: 'JPY', pricing_model: 'tiered', tiers: [{}, {}] },
        { no: 'id' },
      ],
    });
    const table = resultTable(charges, 'EUR');
    assert.equal(table.rows.length, 2);
    assert.deepEqual(table.rows[0], ['c1', 'adhoc', 'Usage', '2024-03-01', '2024-03-31', '10.50 USD', '1.00 USD', 'flat_fee']);
    assert.equal(table.rows[1]?.[1], 'plan: basic-jpy');
    assert.equal(table.rows[1]?.[5], '1200 JPY');
    assert.equal(table.rows[1]?.[7], 'tiered (2 tiers)');
    assert.throws(() => importedCharges({ list: [] }), /without the list/);
  });

  it('takes the subscription from the usual argument shapes', () => {
    assert.equal(subscriptionIdOf(' sub_1 '), 'sub_1');
    assert.equal(subscriptionIdOf({ id: 'sub_2' }), 'sub_2');
    assert.equal(subscriptionIdOf({ subscription: { id: 'sub_3' } }), 'sub_3');
    assert.equal(subscriptionIdOf({ subscriptionId: 'sub_4' }), 'sub_4');
    assert.equal(subscriptionIdOf(undefined), undefined);
    assert.equal(subscriptionIdOf({ id: '' }), undefined);
  });
});

describe('SubmissionKey (the one idempotency-key holder)', () => {
  let n = 0;
  const keys = (): SubmissionKey => new SubmissionKey(() => `key-${++n}`);
  const unanswered = new ChargebeeError({ kind: 'network', message: 'socket hang up', httpStatus: 0, apiErrorCode: 'network_error', retryable: true });
  const refused = new ChargebeeError({ kind: 'api', message: 'bad', httpStatus: 400, retryable: false, apiErrorCode: 'param_wrong_value' });
  const conflict = new ChargebeeError({ kind: 'api', message: 'The idempotency key was already used with a different request', httpStatus: 422, retryable: false, apiErrorCode: 'unable_to_process_request' });

  it('holds the key after an unanswered attempt or an error that is no Chargebee answer', () => {
    const k = keys();
    const first = k.next();
    assert.equal(k.failed(unanswered), 'unknown');
    assert.equal(k.next(), first, 'the next submit, changed or not, may be a replay of the first');
    assert.equal(k.failed(new TypeError('body is not JSON')), 'unknown');
    assert.equal(k.next(), first);
  });

  it('starts a new submission after a success, a definite refusal or a key conflict', () => {
    const k = keys();
    const first = k.next();
    k.settle('done');
    const second = k.next();
    assert.notEqual(second, first);
    assert.equal(k.failed(refused), 'refused');
    const third = k.next();
    assert.notEqual(third, second);
    assert.equal(k.failed(conflict), 'key_conflict');
    assert.notEqual(k.next(), third);
  });
});

describe('subscription commands in package.json', () => {
  it('declares every command with a title in the Chargebee category', async () => {
    const { readFile } = await import('node:fs/promises');
    const { SUBSCRIPTION_COMMANDS } = await import('../../src/commands/ids');
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { contributes?: { commands?: { command: string; title?: string; category?: string }[] } };
    const declared = new Map((manifest.contributes?.commands ?? []).map((c) => [c.command, c]));
    for (const id of Object.values(SUBSCRIPTION_COMMANDS)) {
      assert.ok(declared.get(id)?.title, `${id} has a title`);
      assert.equal(declared.get(id)?.category, 'Chargebee');
    }
  });
});
