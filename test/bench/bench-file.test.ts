/**
 * The sandbox's bench-only file (`GET /__sandbox/bench-file?bytes=N`): exact length, only with the
 * control API on, and a client hanging up mid-file leaves the sandbox serving.
 * Run: npx mocha test/bench/bench-file.test.ts
 */
import { strict as assert } from 'node:assert';
import { get } from 'node:http';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

describe('sandbox bench file', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ seed: 'empty' });
  });
  after(() => sb.close());

  it('serves exactly the bytes asked for, with a Content-Length', async () => {
    // Not a multiple of the sandbox's chunk, so the last partial chunk is checked too.
    const bytes = 3 * 256 * 1024 + 7;
    const res = await fetch(`${sb.origin}/__sandbox/bench-file?bytes=${bytes}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-length'), String(bytes));
    assert.equal((await res.arrayBuffer()).byteLength, bytes);
    const empty = await fetch(`${sb.origin}/__sandbox/bench-file?bytes=0`);
    assert.equal((await empty.arrayBuffer()).byteLength, 0);
  });

  it('refuses a size that is not a whole number of bytes', async () => {
    for (const bad of ['', '-1', '1.5', 'abc', String(5 * 1024 ** 3)]) {
      const res = await fetch(`${sb.origin}/__sandbox/bench-file?bytes=${bad}`);
      assert.equal(res.status, 400, `bytes=${bad}`);
    }
  });

  it('is not served when the control API is off', async () => {
    const off = await startSandbox({ seed: 'empty', control: false });
    try {
      const res = await fetch(`${off.origin}/__sandbox/bench-file?bytes=10`);
      assert.equal(res.status, 404);
    } finally {
      await off.close();
    }
  });

  it('keeps serving after a client hangs up mid-file', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = get(`${sb.origin}/__sandbox/bench-file?bytes=${1024 ** 3}`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve() : reject(err)));
    });
    const res = await fetch(`${sb.origin}/__sandbox/bench-file?bytes=5`);
    assert.equal((await res.arrayBuffer()).byteLength, 5);
    assert.equal((await fetch(`${sb.url}/quotes`, { headers: { authorization: `Basic ${Buffer.from(`${sb.apiKey}:`).toString('base64')}` } })).status, 200);
  });
});
