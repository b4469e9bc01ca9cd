import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from './index';
import { call, form, listAt, objectAt } from './helpers';

/** The reference lists take only the filters, operators and sorts the SDK's list params define. */
describe('sandbox reference lists: only what the API allows', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ port: 0 });
  });
  after(() => sb.close());

  async function refused(path: string, pairs: readonly (readonly [string, string])[], param: string): Promise<void> {
    const reply = await call(sb, 'GET', path, form(pairs));
    assert.equal(reply.status, 400, `${path} ${JSON.stringify(pairs)}: ${reply.text}`);
    assert.equal(reply.json?.type, 'invalid_request');
    assert.equal(reply.json?.api_error_code, 'param_wrong_value');
    assert.equal(reply.json?.param, param);
  }

  it('refuses a filter, operator, sort or include_deleted the list does not define', async () => {
    await refused('/item_families', [['status[is]', 'active']], 'status');
    await refused('/plans', [['sort_by[asc]', 'created_at']], 'sort_by');
    await refused('/addons', [['sort_by[desc]', 'updated_at']], 'sort_by');
    await refused('/item_families', [['sort_by[asc]', 'updated_at']], 'sort_by');
    await refused('/items', [['sort_by[asc]', 'created_at']], 'sort_by[asc]');
    await refused('/item_prices', [['sort_by[desc]', 'created_at']], 'sort_by[desc]');
    await refused('/coupons', [['sort_by[asc]', 'updated_at']], 'sort_by[asc]');
    await refused('/items', [['include_deleted', 'true']], 'include_deleted');
    await refused('/coupons', [['include_deleted', 'true']], 'include_deleted');
    await refused('/customers', [['email[in]', '["a@example.com"]']], 'email[in]');
    await refused('/customers', [['company[not_in]', '["Acme"]']], 'company[not_in]');
    await refused('/customers', [['nickname[is]', 'x']], 'nickname');
  });

  it('answers what it does define', async () => {
    for (const [path, pairs] of [
      ['/item_families', [['name[starts_with]', 'A']]],
      ['/plans', [['status[is]', 'active'], ['include_deleted', 'true']]],
      ['/customers', [['email[is_present]', 'true'], ['sort_by[desc]', 'created_at']]],
      ['/coupons', [['sort_by[desc]', 'created_at']]],
    ] as const) {
      const reply = await call(sb, 'GET', path, form(pairs));
      assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    }
  });

  it('sorts items and item prices by name and id, and pages in that order', async () => {
    for (const [path, key] of [['/items', 'item'], ['/item_prices', 'item_price']] as const) {
      for (const attr of ['name', 'id'] as const) {
        const all = listAt((await call(sb, 'GET', path, form([['limit', '100'], ['sort_by[asc]', attr]]))).json, 'list').map((e) => String(objectAt(e, key)[attr]));
        assert.ok(all.length > 3);
        assert.deepEqual(all, [...all].sort(), `${path} by ${attr}`);
        const paged: string[] = [];
        let offset: string | undefined;
        do {
          const page = (await call(sb, 'GET', path, form([['limit', '3'], ['sort_by[desc]', attr], ...(offset !== undefined ? [['offset', offset] as const] : [])]))).json;
          paged.push(...listAt(page, 'list').map((e) => String(objectAt(e, key)[attr])));
          offset = page?.next_offset as string | undefined;
        } while (offset !== undefined);
        assert.deepEqual(paged, [...all].reverse(), `${path} paged by ${attr} desc`);
      }
    }
  });
});
