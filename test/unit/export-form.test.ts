import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportEndpoints, exportGroups } from '../../src/chargebee/catalog/exports';
import type { ParamTree } from '../../src/chargebee/catalog/types';
import { EXPORT_FORM_COMMANDS } from '../../src/commands/ids';
import { createExportFormController } from '../../src/exports/form/controller';
import { kindPickRows } from '../../src/exports/form/kind-picker';
import { exportFormModel, exportSpec } from '../../src/exports/form/model';
import { reportPeriodErrors } from '../../src/exports/form/report-period';
import type { ExportFormSite } from '../../src/exports/form/site';
import type { ExportJob } from '../../src/exports/jobs/job';
import type { FormValues } from '../../src/forms/values';
import { emptyValues } from '../../src/forms/values';
import { FormSession } from '../../src/webview/form-session';
import type { HostToWebview } from '../../src/webview/protocol';

const site: ExportFormSite = {
  id: 'acme-test',
  info: { name: 'acme-test', currency: 'USD', multiDecimal: false, mode: 'test' },
  catalogVersion: 2,
  baseUrl: 'https://acme-test.example/api/v2',
};

describe('export kind picker', () => {
  const items = (rows: ReturnType<typeof kindPickRows>) => rows.flatMap((r) => (r.kind === 'item' ? [r] : []));
  const headings = (rows: ReturnType<typeof kindPickRows>) => rows.flatMap((r) => (r.kind === 'separator' ? [r.label] : []));

  it('offers every export kind once, under a heading per group', () => {
    for (const cat of [1, 2, undefined] as const) {
      const rows = kindPickRows(cat);
      assert.deepEqual(items(rows).map((r) => r.spec.id).sort(), exportEndpoints.map((e) => e.id).sort());
      assert.equal(rows[0]?.kind, 'separator', 'a heading comes first');
      // Each kind sits under the heading of its group (or the other-catalog heading).
      let heading = '';
      for (const row of rows) {
        if (row.kind === 'separator') heading = row.label;
        else assert.ok(row.otherCatalog ? heading.startsWith('Not in') : heading === row.spec.group, `${row.spec.id} under ${heading}`);
      }
    }
  });

  it('keeps the catalog group order when the site catalog is unknown', () => {
    assert.deepEqual(headings(kindPickRows(undefined)), exportGroups.filter((g) => exportEndpoints.some((e) => e.group === g)));
  });

  it("moves the other catalog version's kinds last and marks them", () => {
    const rows = kindPickRows(2);
    const h = headings(rows);
    assert.equal(h.at(-1), "Not in this site's Product Catalog 2.0");
    assert.ok(!h.includes('Product catalog 1.0'));
    const tail = items(rows).filter((r) => r.otherCatalog);
    assert.deepEqual(tail.map((r) => r.spec.kind).sort(), ['addons', 'plans']);
    for (const r of tail) assert.match(r.description ?? '', /Product Catalog 1\.0 only/);
    // And on a 1.0 site, the 2.0 kinds go last instead.
    const pc1 = items(kindPickRows(1));
    assert.ok(pc1.filter((r) => r.otherCatalog).every((r) => r.spec.catalog === 2));
    assert.equal(pc1.filter((r) => r.otherCatalog).length, exportEndpoints.filter((e) => e.catalog === 2).length);
    assert.ok(pc1.slice(-1)[0]?.otherCatalog);
  });

  it('marks the deprecated revenue reports, and nothing else', () => {
    const marked = items(kindPickRows(2)).filter((r) => (r.description ?? '').includes('(deprecated)'));
    assert.deepEqual(marked.map((r) => r.spec.kind).sort(), ['deferred_revenue', 'revenue_recognition']);
  });
});

describe('report period check', () => {
  const period = (fm: number, fy: number, tm: number, ty: number): ParamTree => ({ report_from_month: fm, report_from_year: fy, report_to_month: tm, report_to_year: ty });

  it('accepts a period that ends in or after the month it starts', () => {
    assert.deepEqual(reportPeriodErrors(period(6, 2020, 7, 2020)), []);
    assert.deepEqual(reportPeriodErrors(period(7, 2020, 7, 2020)), []);
    assert.deepEqual(reportPeriodErrors(period(12, 2019, 1, 2020)), []);
  });

  it('refuses a period that ends before it starts, on the "to" field that is wrong', () => {
    assert.deepEqual(reportPeriodErrors(period(8, 2020, 7, 2020)).map((e) => e.field), ['report_to_month']);
    const yearWrong = reportPeriodErrors(period(1, 2021, 12, 2020));
    assert.deepEqual(yearWrong.map((e) => e.field), ['report_to_year']);
    assert.match(yearWrong[0]?.message ?? '', /2020-12.*2021-01/);
  });

  it('refuses months outside 1-12, also as strings, and skips the range check then', () => {
    assert.deepEqual(reportPeriodErrors(period(0, 2020, 13, 2020)).map((e) => e.field), ['report_from_month', 'report_to_month']);
    assert.deepEqual(reportPeriodErrors({ ...period(1, 2020, 2, 2020), report_to_month: '13' }).map((e) => e.field), ['report_to_month']);
  });

  it('leaves missing parts to the catalog', () => {
    assert.deepEqual(reportPeriodErrors({ report_from_month: 9, report_from_year: 2020 }), []);
  });
});

describe('export form controller', () => {
  const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

  function harness(kind: string) {
    const spec = exportSpec(kind);
    assert.ok(spec);
    const queued: { siteId: string; kind: string; params: ParamTree }[] = [];
    const notified: ExportJob[] = [];
    const controller = createExportFormController({
      spec,
      site,
      enqueue: (input) => {
        queued.push(input);
        return Promise.resolve({ id: `job-${queued.length}`, ...input, createdAt: 0, status: 'queued', attempts: 0 });
      },
      onQueued: (job) => notified.push(job),
    });
    const posted: HostToWebview[] = [];
    let closed = 0;
    const session = new FormSession(controller, { post: (m) => posted.push(m), copyText: () => Promise.resolve(), close: () => (closed += 1), warn: () => undefined }, 'f');
    return { spec, controller, session, queued, notified, posted, closed: () => closed };
  }

  const customerFilters: FormValues = {
    ...emptyValues(),
    fields: { export_type: 'data' },
    filters: [
      { group: 'customer', field: 'email', op: 'starts_with', values: ['ann'] },
      { group: 'customer', field: 'auto_collection', op: 'is', values: ['on'] },
    ],
  };

  it('queues a customers export with two filters and closes the form', async () => {
    const h = harness('customers');
    await h.session.handle({ type: 'submit', values: customerFilters });
    assert.deepEqual(h.queued, [{ siteId: 'acme-test', kind: 'exports.customers', params: { export_type: 'data', customer: { email: { starts_with: 'ann' }, auto_collection: { is: 'on' } } } }]);
    assert.equal(h.notified[0]?.id, 'job-1');
    assert.equal(h.controller.lastJob?.id, 'job-1');
    const result = h.posted.find((m) => m.type === 'submitResult');
    assert.deepEqual(result, { type: 'submitResult', ok: true, summary: 'Customers export queued' });
    assert.equal(h.closed(), 1);
  });

  it('previews the trigger with its filters, key left out of the curl', async () => {
    const h = harness('customers');
    await h.session.handle({ type: 'ready' });
    await h.session.handle({ type: 'change', values: customerFilters });
    await tick();
    const preview = h.posted.filter((m) => m.type === 'preview').at(-1);
    assert.ok(preview?.type === 'preview');
    assert.equal(preview.preview.path, '/exports/customers');
    assert.match(preview.preview.body, /^customer\[email\]\[starts_with\]=ann$/m);
    assert.match(preview.preview.curl, /acme-test\.example\/api\/v2\/exports\/customers/);
  });

  it('puts the report fields first and refuses a reversed period without queueing', async () => {
    const h = harness('revenue_recognition');
    const model = h.controller.definition.model;
    assert.equal(model.sections[0]?.title, 'Report');
    const first = model.sections[0]?.items.map((it) => (it.kind === 'field' ? it.field.name : it.kind));
    assert.deepEqual(first, ['report_by', 'report_from_month', 'report_from_year', 'report_to_month', 'report_to_year']);
    assert.equal(model.sections.at(-1)?.title, 'Filters');
    const values: FormValues = { ...emptyValues(), fields: { report_by: 'invoice', report_from_month: '8', report_from_year: '2020', report_to_month: '7', report_to_year: '2020' } };
    await h.session.handle({ type: 'submit', values });
    assert.equal(h.queued.length, 0);
    const validation = h.posted.find((m) => m.type === 'validation');
    assert.ok(validation?.type === 'validation');
    assert.deepEqual(validation.errors.map((e) => e.field), ['report_to_month']);
    // Fixed, the same form queues.
    await h.session.handle({ type: 'submit', values: { ...values, fields: { ...values.fields, report_to_month: '9' } } });
    assert.equal(h.queued[0]?.params['report_to_month'], 9);
  });

  it('builds a model for a kind of the other catalog version instead of refusing it', () => {
    const plans = exportSpec('plans');
    assert.ok(plans);
    assert.equal(exportFormModel(plans, { catalogVersion: 2, multiDecimal: false }).catalogVersion, 1);
    assert.equal(exportSpec('exports.items')?.kind, 'items');
    assert.equal(exportSpec('nope'), undefined);
  });
});

describe('export form commands in package.json', () => {
  interface Menu { command: string; when?: string; group?: string }
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
    contributes: { commands: { command: string; title: string }[]; menus: Record<string, Menu[]> };
  };

  it('declares every command with a title', () => {
    for (const id of Object.values(EXPORT_FORM_COMMANDS)) {
      const entry = manifest.contributes.commands.find((c) => c.command === id);
      assert.ok(entry && entry.title.length > 0, `${id} in contributes.commands`);
    }
  });

  it('puts "+" (New Export) in the Export Jobs title, and "Edit and Run Again" on finished jobs only', () => {
    const title = manifest.contributes.menus['view/title'] ?? [];
    assert.ok(title.some((m) => m.command === EXPORT_FORM_COMMANDS.newExport && m.when === 'view == chargebee.exportJobs' && m.group?.startsWith('navigation')));
    const item = (manifest.contributes.menus['view/item/context'] ?? []).find((m) => m.command === EXPORT_FORM_COMMANDS.editAndRunAgain);
    const pattern = /viewItem =~ \/(.*)\/$/.exec(item?.when ?? '')?.[1];
    assert.ok(pattern, 'matched by a viewItem regex');
    const re = new RegExp(pattern);
    assert.ok(re.test('exportJob status-completed downloadable removable rerunnable'));
    assert.ok(!re.test('exportJob status-running hasExportId'));
  });
});
