/**
 * `npm run sandbox -- [--port 8750] [--host 127.0.0.1] [--api-key KEY] [--site NAME]
 *   [--seed demo|empty|large] [--export-seconds N] [--catalog 1|2] [--origin URL] [--control]`
 * Serves until interrupted and prints what a client needs to connect.
 */
import { parseArgs } from 'node:util';
import { startSandbox, type StartSandboxOptions } from './index';

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8750' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string' },
      site: { type: 'string' },
      seed: { type: 'string', default: 'demo' },
      'export-seconds': { type: 'string' },
      catalog: { type: 'string' },
      origin: { type: 'string' },
      control: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, not ${values.port}`);
  const seed = values.seed;
  if (seed !== 'demo' && seed !== 'empty' && seed !== 'large') fail('--seed must be demo, empty or large');
  const opts: StartSandboxOptions = { port, host: values.host, seed, control: values.control };
  if (values['api-key'] !== undefined) opts.apiKey = values['api-key'];
  if (values.site !== undefined) opts.site = values.site;
  if (values['export-seconds'] !== undefined) {
    const n = Number(values['export-seconds']);
    if (!Number.isFinite(n) || n < 0) fail('--export-seconds must be a non-negative number');
    opts.exportSeconds = n;
  }
  if (values.catalog !== undefined) {
    if (values.catalog !== '1' && values.catalog !== '2') fail('--catalog must be 1 or 2');
    opts.catalog = values.catalog === '1' ? 1 : 2;
  }
  if (values.origin !== undefined) opts.origin = values.origin;
  const started = Date.now();
  const sb = await startSandbox(opts);
  console.log(`Chargebee sandbox (${seed} data, seeded in ${Date.now() - started} ms)`);
  console.log(`  base URL: ${sb.url}`);
  console.log(`  site:     ${sb.site}`);
  console.log(`  API key:  ${sb.apiKey}`);
  console.log(`  control:  ${values.control ? `${sb.origin}/__sandbox/` : 'off (pass --control)'}`);
  const stop = (): void => {
    sb.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
