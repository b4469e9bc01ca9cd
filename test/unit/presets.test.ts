import * as assert from 'node:assert/strict';
import { exportFormModel, exportSpec } from '../../src/exports/form/model';
import type { KeyValueStore } from '../../src/exports/jobs/store';
import { formPresets } from '../../src/exports/presets/form-presets';
import type { ExportPreset } from '../../src/exports/presets/store';
import { ExportPresetStore, MAX_PRESET_NAME, PRESETS_KEY, presetNameProblem } from '../../src/exports/presets/store';
import type { FormValues } from '../../src/forms/values';
import { emptyValues } from '../../src/forms/values';

class MapStore implements KeyValueStore {
  readonly map = new Map<string, unknown>();
  writes = 0;
  get<T>(key: string): T | undefined {
    // A deep copy, like globalState: nobody may mutate what was stored.
    const v = this.map.get(key);
    return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as T);
  }
  update(key: string, value: unknown): Promise<void> {
    this.writes += 1;
    this.map.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

describe('export preset store', () => {
  it('keeps presets per site, sorted by name, filtered by kind', async () => {
    const store = new ExportPresetStore(new MapStore(), () => 42);
    await store.save('a', { name: 'Zeta', kind: 'exports.customers', params: { export_type: 'data' } });
    await store.save('a', { name: 'alpha', kind: 'exports.invoices', params: {} });
    await store.save('b', { name: 'Other site', kind: 'exports.customers', params: {} });
    assert.deepEqual(store.list('a').map((p) => p.name), ['alpha', 'Zeta']);
    assert.deepEqual(store.list('a', 'exports.customers').map((p) => p.name), ['Zeta']);
    assert.deepEqual(store.list('b').map((p) => p.name), ['Other site']);
    assert.deepEqual(store.list('nobody'), []);
    assert.deepEqual(store.get('a', 'ZETA'), { name: 'Zeta', kind: 'exports.customers', params: { export_type: 'data' }, savedAt: 42 });
  });

  it('replaces a preset of the same name (any case, any kind) instead of adding a second', async () => {
    const store = new ExportPresetStore(new MapStore());
    await store.save('a', { name: 'Monthly', kind: 'exports.customers', params: {} });
    await store.save('a', { name: ' monthly ', kind: 'exports.invoices', params: { payment_owner: { is: 'x' } } });
    const list = store.list('a');
    assert.equal(list.length, 1);
    assert.equal(list[0]?.name, 'monthly');
    assert.equal(list[0]?.kind, 'exports.invoices');
  });

  it('refuses bad names without writing', async () => {
    const kv = new MapStore();
    const store = new ExportPresetStore(kv);
    for (const bad of ['', '   ', 'x'.repeat(MAX_PRESET_NAME + 1), 'tab\there']) {
      assert.ok(presetNameProblem(bad), `"${bad}" refused`);
      await assert.rejects(store.save('a', { name: bad, kind: 'exports.customers', params: {} }));
    }
    assert.equal(kv.writes, 0);
    assert.equal(presetNameProblem('Customers: EU, monthly'), undefined);
  });

  it('removes presets, and drops entries that are not presets', async () => {
    const kv = new MapStore();
    kv.map.set(PRESETS_KEY, { a: [{ name: 'ok', kind: 'exports.items', params: {}, savedAt: 1 }, { name: 3 }, 'junk'], b: 'junk' });
    const store = new ExportPresetStore(kv);
    assert.deepEqual(store.list('a').map((p) => p.name), ['ok']);
    assert.equal(await store.remove('a', 'missing'), false);
    assert.equal(await store.remove('a', 'OK'), true);
    assert.deepEqual(store.list('a'), []);
    assert.equal((kv.get<Record<string, unknown>>(PRESETS_KEY) ?? {})['a'], undefined, 'an emptied site is dropped');
  });
});

describe('form presets', () => {
  const spec = exportSpec('customers');
  assert.ok(spec);
  const model = exportFormModel(spec, { catalogVersion: 2, multiDecimal: false });
  const values: FormValues = {
    ...emptyValues(),
    fields: { export_type: 'import_friendly_data' },
    filters: [
      { group: 'customer', field: 'created_at', op: 'after', values: ['2024-03-01'] },
      { group: 'customer', field: 'taxability', op: 'in', values: ['taxable', 'exempt'] },
    ],
  };

  function setup(answer: boolean) {
    const store = new ExportPresetStore(new MapStore());
    const asked: ExportPreset[] = [];
    const errors: string[] = [];
    const presets = formPresets({
      store, siteId: 'a', spec: spec!, model, currency: 'USD',
      prompts: {
        confirmOverwrite: (p) => {
          asked.push(p);
          return Promise.resolve(answer);
        },
        showError: (m) => errors.push(m),
      },
    });
    return { store, presets, asked, errors };
  }

  it('saves the converted tree and loads it back into the same form values', async () => {
    const { store, presets, errors } = setup(true);
    await presets.save('EU', values);
    assert.deepEqual(errors, []);
    assert.deepEqual(store.get('a', 'EU')?.params, {
      export_type: 'import_friendly_data',
      // "after 2024-03-01" is after that whole day.
      customer: { created_at: { after: Date.UTC(2024, 2, 2) / 1000 - 1 }, taxability: { in: ['taxable', 'exempt'] } },
    });
    assert.deepEqual(presets.list(), ['EU']);
    const loaded = await presets.load('EU');
    assert.deepEqual(loaded?.fields, values.fields);
    // Rows come back in catalog order, not the order they were typed in.
    const byField = (rows: FormValues['filters']) => [...rows].sort((a, b) => a.field.localeCompare(b.field));
    assert.deepEqual(byField(loaded?.filters ?? []), byField(values.filters));
  });

  it('asks before replacing, and keeps the old one on "no"', async () => {
    const no = setup(false);
    await no.presets.save('EU', values);
    await no.presets.save('eu', { ...values, fields: { export_type: 'data' } });
    assert.equal(no.asked.length, 1);
    assert.equal(no.store.get('a', 'EU')?.params['export_type'], 'import_friendly_data');
    const yes = setup(true);
    await yes.presets.save('EU', values);
    await yes.presets.save('EU', { ...values, fields: { export_type: 'data' } });
    assert.equal(yes.store.get('a', 'EU')?.params['export_type'], 'data');
  });

  it('refuses an invalid form or name with a message, saving nothing', async () => {
    const { store, presets, errors } = setup(true);
    await presets.save('broken', { ...values, filters: [{ group: 'customer', field: 'created_at', op: 'after', values: ['not a date'] }] });
    await presets.save('  ', values);
    assert.equal(errors.length, 2);
    assert.match(errors[0] ?? '', /not saved/);
    assert.deepEqual(store.list('a'), []);
  });

  it("lists only this form's kind and does not load another kind's preset", async () => {
    const { store, presets } = setup(true);
    await store.save('a', { name: 'Invoices', kind: 'exports.invoices', params: {} });
    assert.deepEqual(presets.list(), []);
    assert.equal(await presets.load('Invoices'), undefined);
  });
});
