import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countCsvRecords, fileFacts } from '../../src/exports/jobs/file-facts';
import { filterSummary } from '../../src/exports/jobs/filter-summary';
import { strict as assert } from 'node:assert';
import { exportEndpoints } from '../../src/chargebee/catalog';
import { catalogPath } from '../../src/exports/jobs/export-api';
import type { ExportJob } from '../../src/exports/jobs/job';
import { displayStatus } from '../../src/exports/jobs/job';
import { JOBS_KEY, JobStore } from '../../src/exports/jobs/store';
import { activitySummary, formatElapsed } from '../../src/exports/jobs/summary';
import { normalizeSettings, pollIntervalMs, retryDelayMs, withRetryAfter } from '../../src/exports/jobs/timing';
import { jobFlags, presentJob } from '../../src/exports/tree/presentation';
import { MemoryKv } from '../support/export-engine';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

function job(patch: Partial<ExportJob> & Pick<ExportJob, 'id'>): ExportJob {
  return { siteId: 'acme-test', kind: 'exports.customers', params: {}, createdAt: NOW - 60_000, status: 'queued', attempts: 0, ...patch };
}

describe('export jobs', () => {
  describe('JobStore', () => {
    it('persists every change per site and reloads it, newest first', async () => {
      const kv = new MemoryKv();
      const store = new JobStore(kv);
      await store.add(job({ id: 'a', createdAt: 1 }));
      await store.add(job({ id: 'b', createdAt: 2, siteId: 'other' }));
      await store.update('a', { status: 'running', exportId: 'ex1' });
      const saved = kv.get<Record<string, ExportJob[]>>(JOBS_KEY)!;
      assert.deepEqual(Object.keys(saved).sort(), ['acme-test', 'other']);
      const reloaded = new JobStore(kv);
      assert.deepEqual(reloaded.list().map((j) => j.id), ['b', 'a']);
      assert.equal(reloaded.get('a')?.exportId, 'ex1');
      assert.deepEqual(reloaded.list('other').map((j) => j.id), ['b']);
    });

    it('clears fields patched with undefined, and hands out copies', async () => {
      const store = new JobStore(new MemoryKv());
      await store.add(job({ id: 'a', error: 'boom', triggerKey: 'k' }));
      await store.update('a', { error: undefined });
      const copy = store.get('a')!;
      assert.equal('error' in copy, false);
      copy.status = 'failed';
      assert.equal(store.get('a')?.status, 'queued');
    });

    it('skips malformed saved entries and prunes only finished jobs beyond 200 per site', async () => {
      const kv = new MemoryKv();
      await kv.update(JOBS_KEY, { 'acme-test': [{ id: 1 }, null, job({ id: 'ok' })] });
      assert.deepEqual(new JobStore(kv).list().map((j) => j.id), ['ok']);
      const store = new JobStore(new MemoryKv());
      await store.add(job({ id: 'q', status: 'queued', createdAt: 0 }));
      for (let i = 1; i <= 205; i++) await store.add(job({ id: `f${i}`, status: 'completed', createdAt: i }));
      const ids = store.list().map((j) => j.id);
      assert.equal(ids.length, 201);
      assert.ok(ids.includes('q'), 'an active job was pruned');
      assert.ok(!ids.includes('f5') && ids.includes('f6'));
    });

    it('notifies listeners on change', async () => {
      const store = new JobStore(new MemoryKv());
      const seen: number[] = [];
      store.onDidChange((jobs) => seen.push(jobs.length));
      await store.add(job({ id: 'a' }));
      await store.remove('a');
      await store.remove('a');
      assert.deepEqual(seen, [1, 0]);
    });
  });

  describe('catalogPath', () => {
    it('finds the trigger path of every export kind in the catalog', async () => {
      for (const endpoint of exportEndpoints) assert.equal(await catalogPath(endpoint.id), `/exports/${endpoint.id.slice('exports.'.length)}`);
      await assert.rejects(catalogPath('exports.nope'));
    });
  });

  describe('timing', () => {
    it('polls at the base interval first, then a quarter of the age, up to 60 s', () => {
      assert.equal(pollIntervalMs(0, 10), 10_000);
      assert.equal(pollIntervalMs(40_000, 10), 10_000);
      assert.equal(pollIntervalMs(120_000, 10), 30_000);
      assert.equal(pollIntervalMs(3_600_000, 10), 60_000);
      assert.equal(pollIntervalMs(0, 5), 10_000, 'below the documented minimum');
      assert.equal(pollIntervalMs(3_600_000, 90), 90_000, 'a longer user interval is kept');
    });

    it('backs off exponentially, capped, and lets a longer Retry-After win', () => {
      assert.deepEqual([1, 2, 3, 10].map((n) => retryDelayMs(n)), [10_000, 20_000, 40_000, 300_000]);
      assert.equal(withRetryAfter(10_000, 30_000), 30_000);
      assert.equal(withRetryAfter(10_000, 1_000), 10_000);
    });

    it('clamps the settings to 1..5 slots and at least 10 s', () => {
      assert.deepEqual(normalizeSettings({ maxConcurrent: 9, pollIntervalSeconds: 3 }), { maxConcurrent: 5, pollIntervalSeconds: 10 });
      assert.deepEqual(normalizeSettings({ maxConcurrent: 0, pollIntervalSeconds: 30 }), { maxConcurrent: 1, pollIntervalSeconds: 30 });
      assert.deepEqual(normalizeSettings({}), { maxConcurrent: 5, pollIntervalSeconds: 10 });
    });
  });

  describe('status bar summary', () => {
    it('counts running and queued jobs, with a line per job', () => {
      const jobs = [
        job({ id: 'a', status: 'running', startedAt: NOW - 80_000 }),
        job({ id: 'b', status: 'running', kind: 'exports.invoices', startedAt: NOW - 5_000 }),
        job({ id: 'c', status: 'queued' }),
        job({ id: 'd', status: 'completed' }),
      ];
      const summary = activitySummary(jobs, NOW);
      assert.equal(summary.text, '$(sync~spin) 2 exports running, 1 queued');
      assert.deepEqual(summary.tooltipLines, [
        'customers on acme-test: running 1 min 20 s',
        'invoices on acme-test: running 5 s',
        'customers on acme-test: queued, waiting for a free slot',
      ]);
    });

    it('is empty when idle and singular for one', () => {
      assert.equal(activitySummary([job({ id: 'd', status: 'failed' })], NOW).text, undefined);
      assert.equal(activitySummary([job({ id: 'a', status: 'running' })], NOW).text, '$(sync~spin) 1 export running');
      assert.equal(activitySummary([job({ id: 'a' }), job({ id: 'b' })], NOW).text, '$(clock) 2 exports queued');
      assert.equal(formatElapsed(3_900_000), '1 h 5 min');
    });
  });

  describe('tree presentation', () => {
    it('shows an undownloaded completed job as expired once its link lapsed', () => {
      const done = job({ id: 'a', status: 'completed', exportId: 'ex1', validTill: NOW / 1000 - 1 });
      assert.equal(displayStatus(done, NOW), 'expired');
      assert.equal(displayStatus({ ...done, localFile: '/x.zip' }, NOW), 'completed');
      assert.equal(presentJob(done, NOW).icon.id, 'history');
    });

    it('offers actions that fit the status', () => {
      assert.deepEqual(jobFlags(job({ id: 'q' }), NOW), ['status-queued', 'cancellable']);
      assert.deepEqual(jobFlags(job({ id: 'r', status: 'running', exportId: 'e' }), NOW), ['status-running', 'cancellable', 'hasExportId']);
      assert.deepEqual(jobFlags(job({ id: 'r', status: 'running', exportId: 'e', error: 'HTTP 503' }), NOW), ['status-running', 'cancellable', 'checkable', 'hasExportId']);
      assert.deepEqual(jobFlags(job({ id: 'c', status: 'completed', exportId: 'e', localFile: '/f.zip' }), NOW), ['status-completed', 'hasFile', 'downloadable', 'hasExportId', 'removable', 'rerunnable']);
      const running = presentJob(job({ id: 'r', status: 'running', startedAt: NOW - 125_000 }), NOW);
      assert.match(running.description, /^running 2 min 5 s/);
      assert.equal(running.contextValue, 'exportJob status-running cancellable');
      assert.match(running.tooltip, /Chargebee has no cancel for an export/);
    });

    it('says in the row why and until when a job retries, and what a finished one holds', () => {
      const retrying = presentJob(job({ id: 'r', status: 'running', exportId: 'e', error: 'HTTP 503', nextPollAt: NOW + 40_000 }), NOW);
      assert.match(retrying.description, /^retrying in 40 s: HTTP 503/);
      assert.equal(retrying.icon.id, 'warning');
      const keyless = presentJob(job({ id: 'k', status: 'running', waitingForKey: true, error: 'HTTP 401' }), NOW);
      assert.match(keyless.description, /^waiting for a valid API key/);
      const done = presentJob(job({ id: 'd', status: 'completed', exportId: 'e', localFile: '/f.zip', rows: 12345, bytes: 2_516_582, params: { customer: { auto_collection: { is: 'on' } } } }), NOW, {
        kindTitle: () => 'Customers', siteLabel: () => 'Acme Test',
      });
      assert.equal(done.label, 'Customers');
      assert.match(done.description, /^12,345 rows · 2\.4 MB · auto_collection is on · /);
      assert.match(done.tooltip, /^Customers export on Acme Test/);
    });

    it('shows the failure reason in the tooltip', () => {
      const failed = presentJob(job({ id: 'f', status: 'failed', error: 'Chargebee reported that the export failed.' }), NOW);
      assert.match(failed.tooltip, /Error: Chargebee reported/);
      assert.equal(failed.icon.id, 'error');
    });
  });
});

describe('export job facts and filter summary', () => {
  it('counts CSV records with quoted newlines, CRLF and no trailing newline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cb-facts-'));
    const a = join(dir, 'a.csv');
    await writeFile(a, 'id,note\r\n1,"two\r\nlines"\r\n2,"say ""hi"""\r\n3,last');
    assert.equal(await countCsvRecords(a), 4);
    const b = join(dir, 'b.csv');
    await writeFile(b, 'id\n1\n');
    const facts = await fileFacts(a, [a, b]);
    assert.equal(facts.rows, 4);
    assert.ok(facts.bytes > 0);
  });

  it('summarises filters in a few words, dates as dates', () => {
    assert.equal(filterSummary({}), 'no filters');
    assert.equal(filterSummary({ customer: { auto_collection: { is: 'on' }, created_at: { after: String(Date.UTC(2015, 0, 1) / 1000) } } }), 'auto_collection is on, created_at after 2015-01-01');
    assert.equal(filterSummary({ a: { is: '1' }, b: { is: '2' }, c: { is_not: '3' } }), 'a is 1, b is 2 +1');
  });
});
