import assert from 'node:assert/strict';
import { getEndpoint, type EndpointId } from '../../src/chargebee/catalog';
import type { ParamTree, Violation } from '../../src/chargebee/catalog/types';
import { parseListValue, validateParams } from '../../src/chargebee/validate';

const check = (id: EndpointId, tree: ParamTree, opts?: { allowUnknown?: boolean; indexes?: ReadonlyMap<string, readonly string[]> }) =>
  validateParams(getEndpoint(id), tree, opts);
const brief = (vs: readonly Violation[]) => vs.map((v) => `${v.rule} ${v.param}`);

describe('validateParams', () => {
  describe('params', () => {
    it('accepts the seed create-subscription-quote body', () => {
      assert.deepEqual(check('quotes.create_subscription_quote', { subscription: { plan_id: 'basic' } }), []);
    });

    it('reports a missing required field inside an absent object group, by its wire name', () => {
      const vs = check('quotes.create_subscription_quote', {});
      assert.deepEqual(brief(vs), ['required subscription[plan_id]']);
      assert.equal(vs[0]?.message, 'subscription[plan_id] cannot be blank');
    });

    it('treats an empty string as blank', () => {
      assert.deepEqual(brief(check('quotes.extend_expiry_date', { valid_till: '' })), ['required valid_till']);
    });

    it('enforces max_length with a readable message', () => {
      const vs = check('quotes.create_for_onetime_charges', { customer_id: 'c', name: 'x'.repeat(101) });
      assert.deepEqual(brief(vs), ['max_length name']);
      assert.equal(vs[0]?.message, 'name cannot be longer than 100 characters');
      assert.deepEqual(check('quotes.create_for_onetime_charges', { customer_id: 'c', name: 'x'.repeat(100) }), []);
    });

    it('names list rows by array position', () => {
      const vs = check('quotes.create_subscription_quote', {
        subscription: { plan_id: 'basic' },
        addons: [{ id: 'a', quantity: 2 }, { id: 'b', quantity: 0 }],
      });
      assert.deepEqual(brief(vs), ['min addons[quantity][1]']);
      assert.equal(vs[0]?.message, 'addons[quantity][1] must be at least 1');
    });

    it('names list rows by wire index when rows are keyed by index, or mapped through indexes', () => {
      const tree = { customer_id: 'c', charges: { '1': { amount: '0', description: 'Support' } } };
      assert.deepEqual(brief(check('quotes.create_for_onetime_charges', tree)), ['min charges[amount][1]']);
      const dense = { customer_id: 'c', charges: [{ amount: '0' }] };
      const indexes = new Map([['charges', ['7']]]);
      assert.deepEqual(brief(check('quotes.create_for_onetime_charges', dense, { indexes })), ['min charges[amount][7]']);
    });

    it('accepts column-major rows as a naive bracket parser builds them', () => {
      const tree = { customer_id: 'c', charges: { amount: { '3': 'ten' }, description: { '3': 'x' } } };
      assert.deepEqual(brief(check('quotes.create_for_onetime_charges', tree)), ['type charges[amount][3]']);
    });

    it('enforces max on integers and decimals', () => {
      const report = { report_by: 'invoice', report_from_month: 13, report_from_year: 2020, report_to_month: 7, report_to_year: 2020 };
      assert.deepEqual(brief(check('exports.revenue_recognition', report)), ['max report_from_month']);
      const tree = { subscription_items: [{ item_price_id: 'p' }], discounts: [{ duration_type: 'forever', percentage: '100.5' }] };
      assert.deepEqual(brief(check('quotes.create_subscription_quote_for_items', tree)), ['max discounts[percentage][0]']);
    });

    it('checks enum values', () => {
      const vs = check('quotes.update_status', { status: 'maybe' });
      assert.deepEqual(brief(vs), ['enum status']);
      assert.match(vs[0]?.message ?? '', /status must be one of accepted, declined/);
      assert.deepEqual(check('quotes.update_status', { status: 'accepted', comment: 'ok' }), []);
    });

    it('checks scalar types: integer, money, timestamp, boolean, decimal', () => {
      const vs = check('quotes.create_subscription_quote', {
        subscription: { plan_id: 'basic', plan_quantity: '1.5', plan_unit_price: 9.99, start_date: 1700000000000, plan_quantity_in_decimal: 'abc' },
        event_based_addons: [{ id: 'e', charge_once: 'yes' }],
      });
      assert.deepEqual(brief(vs), [
        'type subscription[plan_quantity]',
        'type subscription[plan_quantity_in_decimal]',
        'type subscription[plan_unit_price]',
        'type subscription[start_date]',
        'type event_based_addons[charge_once][0]',
      ]);
      assert.deepEqual(
        check('quotes.create_subscription_quote', {
          subscription: { plan_id: 'basic', plan_quantity: '3', plan_unit_price: 999, trial_end: '0', start_date: 1700000000, plan_quantity_in_decimal: '1.25' },
          event_based_addons: [{ id: 'e', charge_once: false }],
        }),
        [],
      );
    });

    it('rejects a group where a scalar belongs and a scalar where a group belongs', () => {
      assert.deepEqual(brief(check('quotes.extend_expiry_date', { valid_till: { on: '1' } })), ['type valid_till']);
      assert.deepEqual(brief(check('quotes.create_subscription_quote', { subscription: 'basic' })), ['type subscription']);
    });

    it('requires at least one row of a required list group', () => {
      assert.deepEqual(brief(check('quotes.create_subscription_quote_for_items', {})), ['required subscription_items[item_price_id][0]']);
      assert.deepEqual(brief(check('quotes.create_subscription_quote_for_items', { subscription_items: [{ quantity: 2 }] })), [
        'required subscription_items[item_price_id][0]',
      ]);
    });

    it('applies requiredWhen within the same row only', () => {
      const tree = {
        discounts: [
          { amount: 100, entity_type: 'item_level_discount' },
          { amount: 100, entity_type: 'document_level_coupon' },
          { amount: 100, entity_type: 'item_level_coupon', entity_id: 'SAVE10' },
        ],
      };
      const vs = check('subscriptions.import_unbilled_charges', tree);
      assert.deepEqual(brief(vs), ['required discounts[entity_id][1]']);
      assert.match(vs[0]?.message ?? '', /when entity_type is document_level_coupon/);
    });

    it('checks every row of the import body', () => {
      const tree = {
        unbilled_charges: [{ date_from: 1700000000, date_to: 1700086400, entity_type: 'adhoc', amount: -1, description: 'd'.repeat(251) }],
        tiers: [{ starting_unit: 1 }],
      };
      assert.deepEqual(brief(check('subscriptions.import_unbilled_charges', tree)), [
        'max_length unbilled_charges[description][0]',
        'min unbilled_charges[amount][0]',
        'required tiers[unbilled_charge_id][0]',
      ]);
    });

    it('checks simple value lists item by item', () => {
      const vs = check('quotes.create_for_onetime_charges', { customer_id: 'c', coupon_ids: ['OK', 'x'.repeat(101)] });
      assert.deepEqual(brief(vs), ['max_length coupon_ids[1]']);
    });

    it('reports unknown params, row fields and group fields unless allowed', () => {
      const tree = { customer_id: 'c', bogus: 1, charges: [{ amount: 100, colour: 'red' }], shipping_address: { planet: 'Mars' } };
      assert.deepEqual(brief(check('quotes.create_for_onetime_charges', tree)), [
        'unknown shipping_address[planet]',
        'unknown charges[colour][0]',
        'unknown bogus',
      ]);
      assert.deepEqual(brief(check('quotes.create_for_onetime_charges', { customer_id: 'c', bogus: 1 }, { allowUnknown: true })), []);
    });

    it('accepts cf_* on quote endpoints only', () => {
      assert.deepEqual(check('quotes.create_subscription_quote_for_items', { subscription_items: [{ item_price_id: 'p' }], cf_region: 'EU' }), []);
      assert.deepEqual(brief(check('exports.customers', { cf_region: 'EU' })), ['unknown cf_region']);
    });
  });

  describe('list params', () => {
    it('accepts limit, offset, sort_by and include_deleted on list endpoints', () => {
      assert.deepEqual(check('quotes.list', { limit: 100, offset: 'abc', sort_by: { desc: 'date' }, include_deleted: true }), []);
    });

    it('bounds limit and checks the sort attribute', () => {
      assert.deepEqual(brief(check('quotes.list', { limit: 101, sort_by: { asc: 'total' } })), ['max limit', 'enum sort_by[asc]']);
      assert.deepEqual(brief(check('quotes.list', { limit: '0' })), ['min limit']);
    });

    it('does not accept list params on non-list endpoints, nor sorting where the list has none', () => {
      assert.deepEqual(brief(check('quotes.retrieve', { limit: 5 })), ['unknown limit']);
      assert.deepEqual(brief(check('quotes.quote_line_groups', { limit: 5, sort_by: { asc: 'date' }, include_deleted: true })), [
        'unknown sort_by',
        'unknown include_deleted',
      ]);
    });
  });

  describe('filters', () => {
    it('accepts every operator form the wire can carry', () => {
      const tree = {
        status: { in: '["open","accepted"]', is_not: 'closed' },
        id: { not_in: "['1', '2']", starts_with: 'Q' },
        customer_id: { in: '[a,b]' },
        subscription_id: { is_present: 'false' },
        date: { between: [1700000000, '1700086400'] },
        updated_at: { after: '1700000000' },
      };
      assert.deepEqual(check('quotes.list', tree), []);
    });

    it('reports an operator the field does not take, by the operator param', () => {
      const vs = check('quotes.list', { status: { starts_with: 'op' }, date: { lt: '1700000000' } });
      assert.deepEqual(brief(vs), ['operator status[starts_with]', 'operator date[lt]']);
      assert.match(vs[0]?.message ?? '', /use is, is_not, in, not_in/);
    });

    it('reports a filter given without an operator', () => {
      assert.deepEqual(brief(check('quotes.list', { status: 'open' })), ['operator status']);
    });

    it('checks enum values for is, is_not, in and not_in', () => {
      const vs = check('quotes.list', { status: { is: 'pending', in: ['open', 'nope'] } });
      assert.deepEqual(brief(vs), ['enum status[is]', 'enum status[in]']);
    });

    it('needs exactly two values for between, and lists for in', () => {
      assert.deepEqual(brief(check('quotes.list', { date: { between: '[1700000000]' } })), ['type date[between]']);
      assert.deepEqual(brief(check('quotes.list', { id: { in: 'open' } })), ['type id[in]']);
    });

    it('needs true or false for is_present, integers for numbers, 10-digit seconds for timestamps', () => {
      const tree = {
        invoice: { total: { lt: '10.5' }, date: { on: '1700000000000' }, dunning_status: { is_present: 'yes' } },
      };
      const report = { report_by: 'invoice', report_from_month: 1, report_from_year: 2020, report_to_month: 2, report_to_year: 2020 };
      assert.deepEqual(brief(check('exports.revenue_recognition', { ...report, ...tree })), [
        'type invoice[total][lt]',
        'type invoice[date][on]',
        'type invoice[dunning_status][is_present]',
      ]);
      assert.deepEqual(check('exports.invoices', { invoice: { total: { between: '[-5,10]' }, recurring: { is: 'true' } } }), []);
    });

    it('reports unknown filter fields and unknown filter groups', () => {
      assert.deepEqual(brief(check('exports.customers', { customer: { shoe_size: { is: '9' } }, invoice: { id: { is: '1' } } })), [
        'unknown customer[shoe_size]',
        'unknown invoice',
      ]);
    });

    it('keeps the relationship group to is/is_not/starts_with', () => {
      assert.deepEqual(brief(check('exports.customers', { relationship: { parent_id: { in: '[a]' } } })), ['operator relationship[parent_id][in]']);
    });

    it('requires the revenue report params', () => {
      assert.deepEqual(brief(check('exports.deferred_revenue', {})), [
        'required report_by',
        'required report_from_month',
        'required report_from_year',
        'required report_to_month',
        'required report_to_year',
      ]);
    });
  });
});

describe('parseListValue', () => {
  it('reads the JSON, Python and bare list forms alike', () => {
    assert.deepEqual(parseListValue('["open","accepted"]'), ['open', 'accepted']);
    assert.deepEqual(parseListValue("['open', 'accepted']"), ['open', 'accepted']);
    assert.deepEqual(parseListValue('[open, accepted]'), ['open', 'accepted']);
    assert.deepEqual(parseListValue('[1700000000,1700086400]'), ['1700000000', '1700086400']);
    assert.deepEqual(parseListValue('["a,b","c"]'), ['a,b', 'c']);
    assert.deepEqual(parseListValue(' [] '), []);
    assert.deepEqual(parseListValue(['a', 2, true]), ['a', '2', 'true']);
  });

  it('returns undefined for anything that is not a bracketed list', () => {
    assert.equal(parseListValue('open'), undefined);
    assert.equal(parseListValue('[open'), undefined);
  });
});
