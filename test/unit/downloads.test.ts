import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as yazl from 'yazl';
import { exportFileName, extensionFor, isInside, safeNamePart, uniquePath } from '../../src/downloads/file-names';
import { resolveDownloadFolder } from '../../src/downloads/folder';
import { streamToFile } from '../../src/downloads/stream-to-file';
import { entryProblem, extractZip, UnsafeZipError } from '../../src/downloads/unzip';
import { downloadExport } from '../../src/exports/jobs/download-job';
import { engine, FakeExportServer, MemoryKv } from '../support/export-engine';
import { FakeClock } from '../support/fake-clock';

interface ZipEntry {
  readonly name: string;
  readonly data: Buffer | string;
  readonly mode?: number;
}

function zipBuffer(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.data), entry.name, entry.mode === undefined ? {} : { mode: entry.mode });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** yazl refuses hostile names, so hostile archives are made by swapping same-length names in the bytes. */
function swapName(zip: Buffer, from: string, to: string): Buffer {
  assert.equal(from.length, to.length);
  const out = Buffer.from(zip);
  let at = out.indexOf(from);
  let swaps = 0;
  while (at >= 0) {
    out.write(to, at, 'latin1');
    swaps++;
    at = out.indexOf(from, at + 1);
  }
  assert.equal(swaps, 2, 'name not found in the local and central headers');
  return out;
}

/** Makes the central directory claim a smaller uncompressed size than the entry really inflates to. */
function understateSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  const central = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  out.writeUInt32LE(size, central + 24);
  return out;
}

/** An async source, as a response body is. */
async function* chunks(parts: readonly (Buffer | string)[]): AsyncGenerator<Buffer | string> {
  for (const part of parts) yield await Promise.resolve(part);
}

async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map((p) => p.split(path.sep).join('/')).sort();
}

describe('downloads', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cb-dl-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describe('file names', () => {
    it('keeps only safe characters, with no dots, separators or reserved names', () => {
      assert.equal(safeNamePart('../../etc/passwd'), 'etc-passwd');
      assert.equal(safeNamePart('a\\b:c*d?e"f<g>h|i'), 'a-b-c-d-e-f-g-h-i');
      assert.equal(safeNamePart('..'), 'export');
      assert.equal(safeNamePart('CON'), 'export');
      assert.equal(safeNamePart('Ünïcodé id'), 'Unicode-id');
      assert.equal(safeNamePart('x'.repeat(300)).length, 60);
      assert.equal(safeNamePart('', 'id'), 'id');
    });

    it('builds the name from kind, id and date, and trusts no extension it does not know', () => {
      const at = new Date(Date.UTC(2026, 10, 21, 5, 36, 59));
      assert.equal(exportFileName('customers', '__test__KyVnHh', at, 'zip'), 'customers-test__KyVnHh-2026-11-21-0536.zip');
      assert.equal(exportFileName('invoices', '../../x', at, 'pdf'), 'invoices-x-2026-11-21-0536.pdf');
      assert.equal(extensionFor('exe'), 'bin');
      assert.equal(extensionFor('application/zip'), 'zip');
    });

    it('never overwrites: picks the next free name', async () => {
      await writeFile(path.join(dir, 'a.zip'), '');
      await writeFile(path.join(dir, 'a-2.zip'), '');
      assert.equal(await uniquePath(dir, 'a.zip'), path.join(dir, 'a-3.zip'));
    });

    it('resolves the download folder from the setting, the workspace, or global storage', () => {
      const base = { globalStorage: '/gs', home: '/home/u' };
      assert.equal(resolveDownloadFolder({ ...base, setting: '', workspaceFolder: '/ws' }), path.join('/ws', 'chargebee-exports'));
      assert.equal(resolveDownloadFolder({ ...base, setting: undefined, workspaceFolder: undefined }), path.join('/gs', 'exports'));
      assert.equal(resolveDownloadFolder({ ...base, setting: '~/dl', workspaceFolder: '/ws' }), path.join('/home/u', 'dl'));
      assert.equal(resolveDownloadFolder({ ...base, setting: 'out/x', workspaceFolder: '/ws' }), path.resolve('/ws', 'out/x'));
      assert.ok(isInside('/a/b', '/a/b/c') && !isInside('/a/b', '/a/bc') && !isInside('/a/b', '/a/b/../c'));
    });
  });

  describe('streamToFile', () => {
    it('writes through a temporary file and renames it when complete', async () => {
      const seen: number[] = [];
      const target = path.join(dir, 'out.zip');
      const bytes = await streamToFile(chunks([Buffer.from('abc'), 'def']), target, { onProgress: (p) => seen.push(p.bytes) });
      assert.equal(bytes, 6);
      assert.deepEqual(seen, [3, 6]);
      assert.equal(await readFile(target, 'utf8'), 'abcdef');
      assert.deepEqual(await tree(dir), ['out.zip']);
    });

    it('leaves nothing behind when cancelled or over the size cap', async () => {
      const abort = new AbortController();
      const slow = (async function* () {
        yield Buffer.alloc(10);
        abort.abort();
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield Buffer.alloc(10);
      })();
      await assert.rejects(streamToFile(slow, path.join(dir, 'a.zip'), { signal: abort.signal }));
      await assert.rejects(streamToFile(chunks([Buffer.alloc(100)]), path.join(dir, 'b.zip'), { maxBytes: 50 }), /larger than/);
      assert.deepEqual(await tree(dir), []);
    });
  });

  describe('extractZip', () => {
    const limits = { maxEntries: 10, maxEntryBytes: 10_000, maxTotalBytes: 15_000 };

    it('extracts the CSV files of an export into a new folder', async () => {
      const zip = path.join(dir, 'e.zip');
      await writeFile(zip, await zipBuffer([{ name: 'customers.csv', data: 'id,email\n1,a@x.test\n' }, { name: 'sub/contacts.csv', data: 'id\n2\n' }]));
      const files = await extractZip(zip, path.join(dir, 'e'), limits);
      assert.deepEqual(files.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort(), ['e/customers.csv', 'e/sub/contacts.csv']);
      assert.equal(await readFile(path.join(dir, 'e', 'customers.csv'), 'utf8'), 'id,email\n1,a@x.test\n');
    });

    const refused: [string, () => Promise<Buffer>, RegExp][] = [
      ['a "../" entry (zip-slip)', async () => swapName(await zipBuffer([{ name: 'ab/evil.csv', data: 'x' }]), 'ab/evil.csv', '../evil.csv'), /relative path|\.\./],
      ['an absolute path', async () => swapName(await zipBuffer([{ name: 'tmp/evil.csv', data: 'x' }]), 'tmp/evil.csv', '/tmp/evil.cs'), /absolute/],
      ['a backslash path', async () => swapName(await zipBuffer([{ name: 'ab/evil.csv', data: 'x' }]), 'ab/evil.csv', '..\\evil.csv'), /backslash|relative path/],
      ['a symlink', () => zipBuffer([{ name: 'link.csv', data: '/etc/passwd', mode: 0o120777 }]), /symbolic link/],
      ['too many entries', () => zipBuffer(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.csv`, data: 'x' }))), /entries/],
      ['an entry larger than allowed', () => zipBuffer([{ name: 'big.csv', data: Buffer.alloc(20_000) }]), /too large/],
      ['entries larger than allowed together', () => zipBuffer([{ name: 'a.csv', data: Buffer.alloc(8_000) }, { name: 'b.csv', data: Buffer.alloc(8_000) }]), /too large/],
      ['a header that understates the size (checked while inflating)', async () => understateSize(await zipBuffer([{ name: 'bomb.csv', data: Buffer.alloc(200_000) }]), 100), /more bytes|too many bytes/],
    ];
    for (const [what, build, message] of refused) {
      it(`refuses ${what} and leaves nothing behind`, async () => {
        const work = path.join(dir, 'work');
        await rm(work, { recursive: true, force: true });
        const { mkdir } = await import('node:fs/promises');
        await mkdir(work);
        const zip = path.join(work, 'x.zip');
        await writeFile(zip, await build());
        await assert.rejects(extractZip(zip, path.join(work, 'out'), limits), (err: Error) => {
          assert.match(err.message, message);
          return true;
        });
        assert.deepEqual(await tree(dir), ['work', 'work/x.zip']);
      });
    }

    it('checks entry names itself too, not only through yauzl', () => {
      const entry = (fileName: string, mode = 0o100644) => ({ fileName, externalFileAttributes: mode << 16, isEncrypted: () => false });
      assert.equal(entryProblem(entry('data/customers.csv')), undefined);
      assert.match(entryProblem(entry('a/../../b.csv')) ?? '', /\.\./);
      assert.match(entryProblem(entry('/etc/x')) ?? '', /absolute/);
      assert.match(entryProblem(entry('C:/x')) ?? '', /absolute/);
      assert.match(entryProblem(entry('a\\b')) ?? '', /backslash/);
      assert.match(entryProblem(entry('l', 0o120777)) ?? '', /symbolic link/);
    });

    it('reports refusals of its own checks as UnsafeZipError', async () => {
      const zip = path.join(dir, 'l.zip');
      await writeFile(zip, await zipBuffer([{ name: 'link.csv', data: 'x', mode: 0o120777 }]));
      await assert.rejects(extractZip(zip, path.join(dir, 'l'), limits), UnsafeZipError);
    });
  });

  describe('downloadExport', () => {
    it('downloads a completed export, extracts its CSVs, and records them on the job', async () => {
      const clock = new FakeClock();
      const csvZip = await zipBuffer([{ name: 'Customers.csv', data: 'id,email\n1,a@x.test\n' }]);
      const server = new FakeExportServer(clock, 20_000, csvZip);
      const e = engine(new MemoryKv(), clock, server);
      try {
        const job = await e.queue.enqueue({ siteId: 'acme-test', kind: 'exports.customers', params: {} });
        await e.advance(60_000);
        const result = await downloadExport(e.deps, { jobId: job.id, folder: path.join(dir, 'dl'), extract: true });
        assert.match(path.basename(result.file), /^customers-ex_1-\d{4}-\d\d-\d\d-\d{4}\.zip$/);
        assert.equal(result.extracted.length, 1);
        assert.equal(await readFile(result.extracted[0], 'utf8'), 'id,email\n1,a@x.test\n');
        const saved = e.store.get(job.id)!;
        assert.equal(saved.localFile, result.file);
        assert.deepEqual(saved.extractedFiles, result.extracted);
        assert.equal(server.calls.filter((c) => c.kind === 'retrieve').length, 2, 'the link from the poll was not reused');

        // After valid_till, and after a reload (links are memory-only), "download again" retrieves afresh.
        await e.advance(5 * 3600_000);
        e.deps.links.delete(job.id);
        const again = await downloadExport(e.deps, { jobId: job.id, folder: path.join(dir, 'dl'), extract: false });
        assert.notEqual(again.file, result.file);
        assert.equal(server.calls.filter((c) => c.kind === 'retrieve').length, 3);

        server.failDownload = true;
        await assert.rejects(downloadExport(e.deps, { jobId: job.id, folder: path.join(dir, 'dl'), extract: false }), (err: Error) => {
          assert.doesNotMatch(err.message, /sig=secret/);
          return true;
        });
        assert.doesNotMatch(JSON.stringify(e.store.list()) + e.logs.join('\n'), /sig=|files\.example\.test/, 'a download link was persisted or logged');
      } finally {
        e.dispose();
      }
    });
  });
});
