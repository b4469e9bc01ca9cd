import assert from 'node:assert/strict';
import { toFormBody, toQueryString } from '../../src/chargebee/form-encoding';
import { FormError, parseForm, parseListValue, wireParam } from './form-parser';

describe('sandbox form parser', () => {
  it('parses nested objects, indexed rows and value lists', () => {
    const { tree } = parseForm('subscription%5Bplan_id%5D=basic&addons%5Bid%5D%5B0%5D=a&addons%5Bquantity%5D%5B0%5D=2&addons%5Bid%5D%5B1%5D=b&coupon_ids%5B0%5D=A&coupon_ids%5B1%5D=B');
    assert.deepEqual(tree, {
      subscription: { plan_id: 'basic' },
      addons: [{ id: 'a', quantity: '2' }, { id: 'b' }],
      coupon_ids: ['A', 'B'],
    });
  });

  it('accepts indices in any order and with gaps, and remembers the wire index', () => {
    const { tree, indexMap } = parseForm('charges[amount][7]=700&charges[amount][2]=200&charges[description][7]=seven&coupon_ids[9]=Z&coupon_ids[3]=Y');
    assert.deepEqual(tree.charges, [{ amount: '200' }, { amount: '700', description: 'seven' }]);
    assert.deepEqual(tree.coupon_ids, ['Y', 'Z']);
    assert.deepEqual(indexMap.get('charges'), ['2', '7']);
    assert.equal(wireParam('charges[amount][1]', indexMap), 'charges[amount][7]');
    assert.equal(wireParam('coupon_ids[0]', indexMap), 'coupon_ids[3]');
    assert.equal(wireParam('customer_id', indexMap), 'customer_id');
  });

  it('parses list operator values in all three forms real SDKs send', () => {
    const forms = ['["open","accepted"]', "['open', 'accepted']", '[open,accepted]', '[ open , accepted ]'];
    for (const value of forms) {
      const { tree } = parseForm(`status[in]=${encodeURIComponent(value)}`);
      assert.deepEqual(tree, { status: { in: ['open', 'accepted'] } }, value);
    }
    assert.deepEqual(parseListValue('[1704067200,1717199999]'), ['1704067200', '1717199999']);
    assert.deepEqual(parseListValue('["a,b","c\\"d"]'), ['a,b', 'c"d']);
    assert.deepEqual(parseListValue('[]'), []);
    assert.throws(() => parseListValue('["open"'), FormError);
  });

  it('decodes + as a space and nested filters', () => {
    const { tree } = parseForm('customer[email][is]=a+b%40c.d&sort_by[desc]=date');
    assert.deepEqual(tree, { customer: { email: { is: 'a b@c.d' } }, sort_by: { desc: 'date' } });
  });

  it('refuses malformed encoding, malformed names and conflicting shapes', () => {
    assert.throws(() => parseForm('name=%E0%A4%A'), FormError);
    assert.throws(() => parseForm('a[b=1'), FormError);
    assert.throws(() => parseForm('a=1&a[b]=2'), FormError);
    assert.throws(() => parseForm('addons[id][0]=x&addons[0]=y'), FormError);
  });

  it('reads back what the client encoder writes (two independent implementations)', () => {
    const tree = {
      subscription: { plan_id: 'pro-usd', plan_quantity: 3 },
      addons: [{ id: 'extra-seat-usd', quantity: 2 }, { id: 'day-pass-usd' }],
      coupon_ids: ['WELCOME10', 'LOYAL20'],
      status: { in: ['open', 'accepted'] },
      customer: { email: { starts_with: 'ava+x@acme.example' } },
      notes: 'multi word & symbols = ok',
    };
    const expected = {
      subscription: { plan_id: 'pro-usd', plan_quantity: '3' },
      addons: [{ id: 'extra-seat-usd', quantity: '2' }, { id: 'day-pass-usd' }],
      coupon_ids: ['WELCOME10', 'LOYAL20'],
      status: { in: ['open', 'accepted'] },
      customer: { email: { starts_with: 'ava+x@acme.example' } },
      notes: 'multi word & symbols = ok',
    };
    assert.deepEqual(parseForm(toFormBody(tree)).tree, expected);
    assert.deepEqual(parseForm(toQueryString(tree)).tree, expected);
  });
});
