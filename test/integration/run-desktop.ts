// `npm run test:desktop`: the same suite in desktop VS Code through @vscode/test-electron, for machines
// that can download VS Code (this project's CI cannot; it uses run.ts and code-server instead).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../../scripts/lib/code-server';
import { buildSuiteAndExtension, suiteOut } from './bundle-suite';

async function main(): Promise<number> {
  await buildSuiteAndExtension();
  const workspace = mkdtempSync(join(tmpdir(), 'cb-desktop-ws-'));
  return runTests({
    // The version code-server 4.100.3 embeds, so both runners test the same VS Code.
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suiteOut,
    extensionTestsEnv: { CHARGEBEE_DEV_BASE_URL: undefined, CHARGEBEE_DEV_API_KEY: undefined },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`desktop integration run failed: ${error.message}`);
    process.exit(1);
  },
);
