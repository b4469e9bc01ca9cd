/**
 * Unzip is safe on every OS: names Windows turns into devices, alternate streams or other files are
 * refused (the whole archive, nothing left behind), and a corrupt archive leaves no staging folder.
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as yazl from 'yazl';
import { entryProblem, extractZip, segmentProblem, UnsafeZipError } from '../../src/downloads/unzip';

function zipBuffer(names: readonly string[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const name of names) zip.addBuffer(Buffer.from('id\n1\n'), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** An archive holding `name`, written over a same-length placeholder (yazl would refuse some names). */
async function zipWith(name: string): Promise<Buffer> {
  const placeholder = 'q'.repeat(Buffer.byteLength(name));
  const zip = await zipBuffer(['ok.csv', placeholder]);
  const out = Buffer.from(zip);
  let at = out.indexOf(placeholder);
  let swaps = 0;
  for (; at >= 0; at = out.indexOf(placeholder, at + 1), swaps++) out.write(name, at, 'utf8');
  assert.equal(swaps, 2, 'the name sits in the local and the central header');
  return out;
}

const HOSTILE: readonly [string, RegExp][] = [
  ['CON', /device/],
  ['nul.txt', /device/],
  ['NUL.tar.gz', /device/],
  ['COM1.csv', /device/],
  ['lpt9', /device/],
  ['sub/AUX.csv', /device/],
  ['CON .csv', /device/],
  ['COM\u00b9.csv', /device/],
  ['a.csv:x', /":"/],
  ['a.csv::$DATA', /":"/],
  ['a.csv.', /dot or space/],
  ['a.csv ', /dot or space/],
  ['dir./a.csv', /dot or space/],
  ['a\u0001b.csv', /control character/],
  ['a\u007fb.csv', /control character/],
  ['a\nb.csv', /control character/],
  ['a|b.csv', /Windows does not allow/],
  ['a?.csv', /Windows does not allow/],
];

describe('extractZip on every OS', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cb-unzip-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  for (const [name, why] of HOSTILE) {
    it(`refuses an archive with the entry ${JSON.stringify(name)} and leaves nothing behind`, async () => {
      const zip = path.join(dir, 'x.zip');
      await writeFile(zip, await zipWith(name));
      await assert.rejects(extractZip(zip, path.join(dir, 'out')), (err: unknown) => {
        assert.ok(err instanceof UnsafeZipError, String(err));
        assert.match(err.message, why);
        return true;
      });
      assert.deepEqual(await readdir(dir), ['x.zip']);
    });
  }

  it('extracts ordinary export names, device-like names included when they are not devices', async () => {
    const names = ['customers.csv', 'sub/contacts.csv', 'CONSOLE.csv', 'com10.csv', 'null.csv', 'a.b.c.csv', 'Über.csv'];
    const zip = path.join(dir, 'ok.zip');
    await writeFile(zip, await zipBuffer(names));
    const files = await extractZip(zip, path.join(dir, 'out'));
    assert.deepEqual(files.map((f) => path.relative(path.join(dir, 'out'), f).split(path.sep).join('/')).sort(), [...names].sort());
    for (const name of names) assert.equal(segmentProblem(path.basename(name)), undefined, name);
  });

  it('checks each segment of a name, folders included', () => {
    const entry = (fileName: string) => ({ fileName, externalFileAttributes: 0o100644 << 16, isEncrypted: () => false });
    assert.equal(entryProblem(entry('data/')), undefined);
    assert.equal(entryProblem(entry('./data/a.csv')), undefined);
    assert.match(entryProblem(entry('PRN/a.csv')) ?? '', /device/);
    assert.match(entryProblem(entry('data /a.csv')) ?? '', /dot or space/);
  });

  for (const [what, bytes] of [
    ['garbage', Buffer.from('this is not a zip archive at all, just text')],
    ['an empty file', Buffer.alloc(0)],
    ['a truncated archive', Buffer.from('PK\u0003\u0004 truncated')],
  ] as const) {
    it(`leaves no staging folder behind for ${what}`, async () => {
      const zip = path.join(dir, 'bad.zip');
      await writeFile(zip, bytes);
      await assert.rejects(extractZip(zip, path.join(dir, 'out')));
      assert.deepEqual(await readdir(dir), ['bad.zip']);
    });
  }

  it('leaves no staging folder behind when the archive is cut off mid-entry', async () => {
    const whole = await zipBuffer(['a.csv', 'b.csv']);
    const zip = path.join(dir, 'cut.zip');
    await writeFile(zip, whole.subarray(0, whole.length - 30));
    await assert.rejects(extractZip(zip, path.join(dir, 'out')));
    assert.deepEqual(await readdir(dir), ['cut.zip']);
  });
});
