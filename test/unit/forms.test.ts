import * as assert from 'node:assert/strict';
import { bool, dec, enm, int, list, money, object, str, ts, values as valueList } from '../../src/chargebee/catalog/builders';
import type { EndpointSpec } from '../../src/chargebee/catalog/types';
import { fromParamTree, toParamTree } from '../../src/forms/convert';
import { formatDate, INVALID_DATE, parseDate } from '../../src/forms/dates';
import { filterRowsToTree } from '../../src/forms/filters';
import { allItems, buildFormModel } from '../../src/forms/model';
import { currencyDecimals, formatMinor, parseMoney } from '../../src/forms/money';
import { fieldForParam, serverMessage, validateForm } from '../../src/forms/validate-form';
import type { FormValues } from '../../src/forms/values';
import { emptyValues } from '../../src/forms/values';

const quoteSpec: EndpointSpec = {
  id: 'test.create_quote',
  method: 'POST',
  path: '/quotes/{customer_id}/create',
  title: 'Test quote',
  pathParams: [str('customer_id', 50, { required: true })],
  params: [
    str('name', 100),
    str('notes', 20),
    ts('expires_at'),
    enm('billing_alignment_mode', ['immediate', 'delayed']),
    object('subscription', [str('plan_id', 100, { required: true, picker: 'plan' }), int('plan_quantity', { min: 1 }), dec('plan_unit_price_in_decimal', 39)]),
    list('addons', [str('id', 100, { required: true, picker: 'addon' }), int('quantity', { min: 1 }), money('unit_price', { min: 0 }), bool('taxable')], { maxItems: 3 }),
    valueList('coupon_ids', { type: 'string', maxLength: 10, picker: 'coupon' }),
  ],
  response: 'quote',
};

const exportSpec: EndpointSpec = {
  id: 'test.export',
  method: 'POST',
  path: '/exports/customers',
  title: 'Customers export',
  params: [enm('export_type', ['data', 'import_friendly_data'])],
  filters: [{ name: 'currency_code', label: 'Currency', type: 'string', operators: ['is', 'in'] }],
  filterGroups: [
    {
      name: 'customer',
      label: 'Customer',
      filters: [
        { name: 'email', label: 'Email', type: 'string', operators: ['is', 'starts_with', 'in', 'not_in'] },
        { name: 'created_at', label: 'Created', type: 'timestamp', operators: ['after', 'before', 'on', 'between'] },
        { name: 'status', label: 'Status', type: 'enum', operators: ['is', 'in'], values: ['active', 'cancelled'] },
        { name: 'total', label: 'Total', type: 'number', operators: ['lt', 'between'], unit: 'money' },
        { name: 'cycles', label: 'Cycles', type: 'number', operators: ['lt', 'is'] },
        { name: 'auto_collection', label: 'Auto collection', type: 'boolean', operators: ['is', 'is_present'] },
      ],
    },
  ],
  response: 'export',
};

const model = buildFormModel(quoteSpec, { catalogVersion: 1, multiDecimal: false });
const exportModel = buildFormModel(exportSpec, { catalogVersion: 2, multiDecimal: false });
const values = (v: Partial<FormValues>): FormValues => ({ ...emptyValues(), ...v });

describe('forms: money', () => {
  it('converts major units exactly, without float drift', () => {
    const cases: [string, string, number][] = [
      ['0.1', 'USD', 10],
      ['10.10', 'USD', 1010],
      ['19.99', 'EUR', 1999],
      ['1000.5', 'USD', 100050],
      ['.5', 'USD', 50],
      ['7', 'USD', 700],
      ['1500', 'JPY', 1500],
      ['1.234', 'BHD', 1234],
      ['0.005', 'KWD', 5],
      ['-2.50', 'USD', -250],
      ['  12.00 ', 'GBP', 1200],
    ];
    for (const [text, cur, minor] of cases) assert.deepEqual(parseMoney(text, cur), { ok: true, minor }, `${text} ${cur}`);
  });

  it('refuses thousands separators, extra decimals and junk with a message', () => {
    for (const [text, cur, fragment] of [
      ['1,000.50', 'USD', 'without thousands separators'],
      ['1 000', 'USD', 'without thousands separators'],
      ['10,5', 'EUR', 'dot for decimals'],
      ['10.5', 'JPY', 'no decimals'],
      ['1.2345', 'BHD', 'at most 3 decimals'],
      ['10.123', 'USD', 'at most 2 decimals'],
      ['abc', 'USD', 'amount in USD'],
      ['.', 'USD', 'amount in USD'],
      ['1e3', 'USD', 'amount in USD'],
    ] as const) {
      const r = parseMoney(text, cur);
      assert.equal(r.ok, false, text);
      if (!r.ok) assert.match(r.message, new RegExp(fragment), text);
    }
  });

  it('knows the zero- and three-decimal currencies and formats minor units back', () => {
    assert.deepEqual(['JPY', 'KRW', 'BHD', 'KWD', 'OMR', 'JOD', 'TND', 'USD', 'eur'].map(currencyDecimals), [0, 0, 3, 3, 3, 3, 3, 2, 2]);
    assert.equal(formatMinor(1010, 'USD'), '10.10');
    assert.equal(formatMinor(5, 'USD'), '0.05');
    assert.equal(formatMinor(-250, 'USD'), '-2.50');
    assert.equal(formatMinor(1500, 'JPY'), '1500');
    assert.equal(formatMinor(1234, 'BHD'), '1.234');
    for (const text of ['0.01', '123456.78', '10.10']) {
      const r = parseMoney(text, 'USD');
      assert.ok(r.ok);
      if (r.ok) assert.equal(formatMinor(r.minor, 'USD'), text);
    }
  });
});

describe('forms: dates', () => {
  it('reads dates and date-times as UTC seconds', () => {
    assert.deepEqual(parseDate('2024-03-01'), { ok: true, seconds: Date.UTC(2024, 2, 1) / 1000 });
    assert.deepEqual(parseDate('2024-03-01T10:30'), { ok: true, seconds: Date.UTC(2024, 2, 1, 10, 30) / 1000 });
    assert.deepEqual(parseDate('1970-01-02'), { ok: true, seconds: 86400 });
  });

  it('refuses impossible and malformed dates', () => {
    for (const text of ['2024-02-30', '2023-13-01', '01/03/2024', '2024-3-1', '2024-03-01T25:00', '']) assert.equal(parseDate(text).ok, false, text);
  });

  it('formats seconds back in UTC', () => {
    assert.equal(formatDate(1709251200), '2024-03-01');
    assert.equal(formatDate(1709289000, true), '2024-03-01T10:30');
  });
});

describe('forms: model', () => {
  it('lays out fields, groups and filters in catalog order', () => {
    assert.deepEqual(model.sections.map((s) => s.title), ['Details', 'Subscription', 'Addons']);
    assert.deepEqual(model.pathParams.map((p) => p.name), ['customer_id']);
    const kinds = allItems(model).map((it) => it.kind);
    assert.deepEqual(kinds, ['field', 'field', 'field', 'field', 'values', 'object', 'list']);
    assert.deepEqual(exportModel.sections.map((s) => s.title), ['Details', 'Filters']);
  });

  it('hides multi-decimal fields on other sites, and named params', () => {
    const sub = allItems(model).find((it) => it.kind === 'object');
    assert.ok(sub && sub.kind === 'object');
    assert.deepEqual(sub.fields.map((f) => f.name), ['plan_id', 'plan_quantity']);
    const md = buildFormModel(quoteSpec, { catalogVersion: 1, multiDecimal: true, hide: ['notes', 'subscription[plan_quantity]'] });
    const mdSub = allItems(md).find((it) => it.kind === 'object');
    assert.ok(mdSub && mdSub.kind === 'object');
    assert.deepEqual(mdSub.fields.map((f) => f.name), ['plan_id', 'plan_unit_price_in_decimal']);
    assert.ok(!allItems(md).some((it) => it.kind === 'field' && it.field.name === 'notes'));
  });

  it('groups params into named sections, the rest after them', () => {
    const m = buildFormModel(quoteSpec, { catalogVersion: 1, multiDecimal: false, sections: [{ title: 'Plan', params: ['subscription', 'addons'] }] });
    assert.deepEqual(m.sections.map((s) => s.title), ['Plan', 'More']);
    assert.equal(m.sections[0]?.items.length, 2);
  });

  it('refuses an endpoint of the other product catalog', () => {
    assert.throws(() => buildFormModel({ ...quoteSpec, catalog: 2 }, { catalogVersion: 1, multiDecimal: false }), /Product Catalog 2/);
  });

  it('picks widgets by type and picker', () => {
    const widgets = Object.fromEntries(
      allItems(model).flatMap((it) => (it.kind === 'list' ? it.fields : it.kind === 'field' ? [it.field] : [])).map((f) => [f.name, f.widget]),
    );
    assert.deepEqual(widgets, { name: 'text', notes: 'text', expires_at: 'date', billing_alignment_mode: 'select', id: 'picker', quantity: 'integer', unit_price: 'money', taxable: 'checkbox' });
  });
});

describe('forms: toParamTree', () => {
  it('types values: money in minor units, dates in seconds, integers, booleans; blanks omitted', () => {
    const c = toParamTree(
      model,
      values({
        fields: { name: ' Deal ', notes: '', expires_at: '2024-03-01', 'subscription[plan_id]': 'basic', 'subscription[plan_quantity]': '2' },
        rows: { addons: [{ id: 'a', quantity: '3', unit_price: '10.10', taxable: true }] },
      }),
      { currency: 'USD' },
    );
    assert.deepEqual(c.errors, []);
    assert.deepEqual(c.tree, {
      name: 'Deal',
      expires_at: 1709251200,
      subscription: { plan_id: 'basic', plan_quantity: 2 },
      addons: [{ id: 'a', quantity: 3, unit_price: 1010, taxable: true }],
    });
  });

  it('drops all-blank rows and list values, keeping the map back to form rows', () => {
    const c = toParamTree(
      model,
      values({ rows: { addons: [{ id: '', quantity: '' }, { id: 'b' }, {}, { id: 'd', quantity: '1' }] }, lists: { coupon_ids: ['', 'X'] } }),
      { currency: 'USD' },
    );
    assert.deepEqual(c.tree['addons'], [{ id: 'b' }, { id: 'd', quantity: 1 }]);
    assert.deepEqual(c.tree['coupon_ids'], ['X']);
    assert.deepEqual(c.rowIndex.get('addons'), [1, 3]);
    assert.deepEqual(c.rowIndex.get('coupon_ids'), [1]);
  });

  it('uses the form currency_code over the site currency', () => {
    const spec: EndpointSpec = { ...quoteSpec, params: [str('currency_code', 3), money('amount')] };
    const m = buildFormModel(spec, { catalogVersion: 1, multiDecimal: false });
    assert.deepEqual(toParamTree(m, values({ fields: { currency_code: 'JPY', amount: '500' } }), { currency: 'USD' }).tree, { currency_code: 'JPY', amount: 500 });
    assert.deepEqual(toParamTree(m, values({ fields: { amount: '5' } }), { currency: 'USD' }).tree, { amount: 500 });
  });

  it('reports conversion errors on the field and leaves the value out', () => {
    const c = toParamTree(model, values({ fields: { expires_at: '2024-02-30' }, rows: { addons: [{ id: 'a', unit_price: '1,000.50', quantity: '1.5' }] } }), { currency: 'USD' });
    assert.deepEqual(c.errors.map((e) => e.field).sort(), ['addons[quantity][0]', 'addons[unit_price][0]', 'expires_at']);
    assert.match(c.errors.find((e) => e.field === 'addons[unit_price][0]')?.message ?? '', /^Unit price must be typed without thousands separators/);
    assert.deepEqual(c.tree, { addons: [{ id: 'a' }] });
  });
});

describe('forms: filters', () => {
  const groups = allItems(exportModel).flatMap((it) => (it.kind === 'filters' ? it.groups : []));

  it('builds nested and top-level filters, lists for in/between, seconds for dates', () => {
    const c = filterRowsToTree(groups, [
      { group: '', field: 'currency_code', op: 'in', values: ['USD, EUR'] },
      { group: 'customer', field: 'email', op: 'is', values: ['a@b.co'] },
      { group: 'customer', field: 'created_at', op: 'between', values: ['2024-01-01', '2024-02-01'] },
      { group: 'customer', field: 'status', op: 'in', values: ['active', 'cancelled'] },
      { group: 'customer', field: 'total', op: 'lt', values: ['10'] },
      { group: 'customer', field: 'auto_collection', op: 'is_present', values: ['true'] },
    ], { currency: 'USD' });
    assert.deepEqual(c.errors, []);
    assert.deepEqual(c.tree, {
      currency_code: { in: ['USD', 'EUR'] },
      customer: {
        email: { is: 'a@b.co' },
        // Both days included: Jan 1 00:00 to Feb 1 23:59:59 UTC.
        created_at: { between: [1704067200, 1706831999] },
        status: { in: ['active', 'cancelled'] },
        total: { lt: 1000 },
        auto_collection: { is_present: true },
      },
    });
    assert.equal(c.paramToRow.get('customer[created_at][between]'), 2);
  });

  it('refuses bad rows on the row: wrong operator, half a range, duplicates, non-numbers', () => {
    const c = filterRowsToTree(groups, [
      { group: 'customer', field: 'email', op: 'lt', values: ['x'] },
      { group: 'customer', field: 'created_at', op: 'between', values: ['2024-01-01', ''] },
      { group: 'customer', field: 'email', op: 'is', values: ['a'] },
      { group: 'customer', field: 'email', op: 'is', values: ['b'] },
      { group: 'customer', field: 'cycles', op: 'lt', values: ['10.5'] },
      { group: 'customer', field: 'created_at', op: 'between', values: ['2024-02-01', '2024-01-01'] },
      { group: '', field: '', op: '', values: [] },
    ], { currency: 'USD' });
    assert.deepEqual(c.errors.map((e) => e.field), ['filter:0', 'filter:1', 'filter:3', 'filter:4', 'filter:5']);
    assert.deepEqual(c.tree, { customer: { email: { is: 'a' } } });
  });
});

describe('forms: filters in the user\'s units', () => {
  const groups = allItems(exportModel).flatMap((it) => (it.kind === 'filters' ? it.groups : []));
  const row = (field: string, op: string, ...values: string[]) => ({ group: 'customer', field, op, values });
  const dec1 = Date.UTC(2026, 11, 1) / 1000;
  const dec31 = Date.UTC(2026, 11, 31) / 1000;

  it('reads money filters in major units of the currency and sends minor units', () => {
    const usd = filterRowsToTree(groups, [row('total', 'lt', '10.50')], { currency: 'USD' });
    assert.deepEqual(usd.tree, { customer: { total: { lt: 1050 } } });
    const jpy = filterRowsToTree(groups, [row('total', 'between', '1000', '2500')], { currency: 'JPY' });
    assert.deepEqual(jpy.tree, { customer: { total: { between: [1000, 2500] } } });
    const bad = filterRowsToTree(groups, [row('total', 'lt', '10.5')], { currency: 'JPY' });
    assert.deepEqual(bad.tree, {});
    assert.deepEqual(bad.errors.map((e) => e.field), ['filter:0']);
    assert.match(bad.errors[0]?.message ?? '', /no decimals in JPY/);
  });

  it('takes dates as whole days in UTC: between includes its last day, on covers the day, before/after mean what they say', () => {
    const c = (op: string, ...v: string[]) => filterRowsToTree(groups, [row('created_at', op, ...v)], { currency: 'USD' });
    assert.deepEqual(c('between', '2026-12-01', '2026-12-31').tree, { customer: { created_at: { between: [dec1, dec31 + 86_399] } } });
    assert.deepEqual(c('on', '2026-12-01').tree, { customer: { created_at: { between: [dec1, dec1 + 86_399] } } });
    assert.deepEqual(c('before', '2026-12-01').tree, { customer: { created_at: { before: dec1 } } });
    assert.deepEqual(c('after', '2026-12-01').tree, { customer: { created_at: { after: dec1 + 86_399 } } });
    assert.deepEqual(c('between', '2026-12-05', '2026-12-05').tree, { customer: { created_at: { between: [Date.UTC(2026, 11, 5) / 1000, Date.UTC(2026, 11, 6) / 1000 - 1] } } });
    // An "on" row is sent as between, so it collides with a between row of the same field.
    const both = filterRowsToTree(groups, [row('created_at', 'on', '2026-12-01'), row('created_at', 'between', '2026-12-01', '2026-12-02')], { currency: 'USD' });
    assert.deepEqual(both.errors.map((e) => e.field), ['filter:1']);
  });

  it('takes the days in the time zone the form shows: Tokyo, and New York across a DST change', () => {
    const tokyo = filterRowsToTree(groups, [row('created_at', 'between', '2026-12-01', '2026-12-31')], { currency: 'USD', timeZone: 'Asia/Tokyo' });
    // Dec 1 00:00 JST is Nov 30 15:00 UTC; Dec 31 ends at Dec 31 15:00 UTC.
    assert.deepEqual(tokyo.tree, { customer: { created_at: { between: [dec1 - 9 * 3600, dec31 + 86_400 - 9 * 3600 - 1] } } });
    // 2026-11-01 is 25 hours long in New York (EDT -> EST).
    const ny = filterRowsToTree(groups, [row('created_at', 'on', '2026-11-01')], { currency: 'USD', timeZone: 'America/New_York' });
    const start = Date.UTC(2026, 10, 1, 4) / 1000;
    assert.deepEqual(ny.tree, { customer: { created_at: { between: [start, start + 25 * 3600 - 1] } } });
    const bad = filterRowsToTree(groups, [row('created_at', 'on', '2026-11-01')], { currency: 'USD', timeZone: 'Mars/Olympus' });
    assert.match(bad.errors[0]?.message ?? '', /time zone Mars\/Olympus/);
  });

  it('keeps a row begun but not filled apart from values that cannot be sent', () => {
    const c = filterRowsToTree(groups, [row('total', 'lt', ''), row('created_at', 'on', '2026-02-30')], { currency: 'USD' });
    assert.deepEqual(c.incomplete.map((e) => e.field), ['filter:0']);
    assert.deepEqual(c.errors.map((e) => e.field), ['filter:1']);
  });

  it('gives a saved tree back in the user\'s units', () => {
    const back = fromParamTree(exportModel, { customer: { total: { lt: 1050 }, created_at: { between: [dec1, dec31 + 86_399] } } }, { currency: 'USD' });
    assert.deepEqual(back.filters, [row('created_at', 'between', '2026-12-01', '2026-12-31'), row('total', 'lt', '10.50')]);
  });
});

describe('forms: validateForm', () => {
  it('places catalog violations on the form fields, rows by their form index', () => {
    const v = values({
      fields: { notes: 'x'.repeat(21), billing_alignment_mode: 'sometimes' },
      rows: { addons: [{}, { id: 'a', quantity: '0' }, { quantity: '2' }] },
    });
    const { errors } = validateForm(model, v, { currency: 'USD' });
    const byField = new Map(errors.map((e) => [e.field, e.message]));
    // Row 0 is blank and dropped, so tree rows 0 and 1 are form rows 1 and 2.
    assert.match(byField.get('addons[quantity][1]') ?? '', /^Quantity must be at least 1/);
    assert.match(byField.get('addons[id][2]') ?? '', /^Id cannot be blank/);
    assert.match(byField.get('notes') ?? '', /^Notes cannot be longer than 20/);
    assert.match(byField.get('billing_alignment_mode') ?? '', /must be one of immediate, delayed/);
    assert.match(byField.get('subscription[plan_id]') ?? '', /cannot be blank/);
    assert.equal(byField.get('{customer_id}'), 'Customer id cannot be blank');
  });

  it('shows money bounds in major units', () => {
    const { errors } = validateForm(model, values({ path: { customer_id: 'c' }, fields: { 'subscription[plan_id]': 'p' }, rows: { addons: [{ id: 'a', unit_price: '-1' }] } }), { currency: 'USD' });
    assert.deepEqual(errors, [{ field: 'addons[unit_price][0]', message: 'Unit price must be at least 0.00 USD' }]);
  });

  it('keeps one message per field: a conversion error wins over the catalog rule', () => {
    const { errors } = validateForm(model, values({ path: { customer_id: 'c' }, fields: { 'subscription[plan_id]': 'p' }, rows: { addons: [{ id: 'a', quantity: 'two' }] } }), { currency: 'USD' });
    assert.deepEqual(errors, [{ field: 'addons[quantity][0]', message: 'Quantity must be a whole number' }]);
  });

  it('maps server params back to fields, filters and path params', () => {
    const c = toParamTree(model, values({ rows: { addons: [{}, { id: 'x' }] }, lists: { coupon_ids: ['', 'C'] } }), { currency: 'USD' });
    assert.equal(fieldForParam(model, c, 'addons[id][0]'), 'addons[id][1]');
    assert.equal(fieldForParam(model, c, 'coupon_ids[0]'), 'coupon_ids[1]');
    assert.equal(fieldForParam(model, c, 'subscription[plan_id]'), 'subscription[plan_id]');
    assert.equal(fieldForParam(model, c, 'name'), 'name');
    assert.equal(fieldForParam(model, c, 'customer_id'), '{customer_id}');
    assert.equal(fieldForParam(model, c, 'no_such_param'), '');
    const ec = toParamTree(exportModel, values({ filters: [{ group: 'customer', field: 'email', op: 'is', values: ['a'] }] }), { currency: 'USD' });
    assert.equal(fieldForParam(exportModel, ec, 'customer[email][is]'), 'filter:0');
    assert.equal(fieldForParam(exportModel, ec, 'customer[email]'), 'filter:0');
  });

  it('maps violations of filter values to their row', () => {
    const { errors } = validateForm(exportModel, values({ filters: [{ group: 'customer', field: 'status', op: 'is', values: ['gone'] }] }), { currency: 'USD' });
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.field, 'filter:0');
  });
});

describe('forms: fromParamTree', () => {
  it('round-trips a tree through the form values', () => {
    const tree = {
      name: 'Deal',
      expires_at: 1709251200,
      billing_alignment_mode: 'delayed',
      subscription: { plan_id: 'basic', plan_quantity: 2 },
      addons: [{ id: 'a', quantity: 3, unit_price: 1010, taxable: false }, { id: 'b' }],
      coupon_ids: ['C1', 'C2'],
    };
    const v = fromParamTree(model, tree, { currency: 'USD' });
    assert.equal(v.fields['expires_at'], '2024-03-01');
    assert.equal(v.rows['addons']?.[0]?.['unit_price'], '10.10');
    assert.equal(v.rows['addons']?.[0]?.['taxable'], false);
    assert.deepEqual(toParamTree(model, v, { currency: 'USD' }).tree, tree);
  });

  it('round-trips export filters, dates and money included', () => {
    const tree = { export_type: 'data', currency_code: { in: ['USD', 'EUR'] }, customer: { created_at: { after: 1704153599 }, total: { between: [1, 500] } } };
    const v = fromParamTree(exportModel, tree, { currency: 'USD' });
    assert.deepEqual(v.filters[1], { group: 'customer', field: 'created_at', op: 'after', values: ['2024-01-01'] });
    assert.deepEqual(v.filters[2], { group: 'customer', field: 'total', op: 'between', values: ['0.01', '5.00'] });
    assert.deepEqual(toParamTree(exportModel, v, { currency: 'USD' }).tree, tree);
  });

  it('keeps a saved moment that is not a day boundary exact', () => {
    const tree = { customer: { created_at: { after: 1704067200 } } };
    const v = fromParamTree(exportModel, tree, { currency: 'USD' });
    assert.deepEqual(v.filters[0]?.values, ['1704067200']);
    assert.deepEqual(toParamTree(exportModel, v, { currency: 'USD' }).tree, tree);
  });
});

describe('forms: errors on list rows land on the row field', () => {
  const rowsSpec: EndpointSpec = {
    id: 'test.rows',
    method: 'POST',
    path: '/rows',
    title: 'Rows',
    params: [list('subscription_items', [str('item_price_id', 100, { required: true, label: 'Item price' }), int('quantity', { min: 1 })], { required: true, label: 'Items' })],
    response: 'quote',
  };
  const rowsModel = buildFormModel(rowsSpec, { catalogVersion: 2, multiDecimal: false });

  it('puts "the first row is required" on the blank row the form shows, with its label', () => {
    const { errors } = validateForm(rowsModel, values({ rows: { subscription_items: [{}] } }), { currency: 'USD' });
    assert.deepEqual(errors, [{ field: 'subscription_items[item_price_id][0]', message: 'Item price cannot be blank' }]);
  });

  it('labels a server error on a row field instead of its wire name', () => {
    const v = values({ rows: { subscription_items: [{}, { item_price_id: 'x', quantity: '2' }] } });
    const conversion = toParamTree(rowsModel, v, { currency: 'USD' });
    const field = fieldForParam(rowsModel, conversion, 'subscription_items[item_price_id][0]');
    assert.equal(field, 'subscription_items[item_price_id][1]');
    assert.equal(serverMessage(rowsModel, field, 'subscription_items[item_price_id][0]', 'subscription_items[item_price_id][0] : is not active'), 'Item price is not active');
  });
});

describe('forms: dates typed by hand', () => {
  it('refuses an impossible date the control reported, rather than treating it as empty', () => {
    const c = toParamTree(model, values({ fields: { expires_at: INVALID_DATE } }), { currency: 'USD' });
    assert.deepEqual(c.errors.map((e) => e.field), ['expires_at']);
    assert.match(c.errors[0]?.message ?? '', /^Expires at is not a valid date/);
    assert.equal(c.tree['expires_at'], undefined);
  });
});
