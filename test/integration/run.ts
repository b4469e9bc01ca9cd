// `npm run test:integration`: bundles the suite, builds the extension, and runs the suite inside the
// extension host of a real VS Code (code-server 4.100.3) opened in headless Chromium.
import { writeFileSync } from 'node:fs';
import { repoRoot } from '../../scripts/lib/code-server';
import { buildSuiteAndExtension, suiteOut } from './bundle-suite';
import { runSuiteInWorkbench } from './workbench-runner';

async function main(): Promise<number> {
  await buildSuiteAndExtension();

  const counts = { passed: 0, failed: 0 };
  const code = await runSuiteInWorkbench({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suiteOut,
    serverLog: process.env.CODE_SERVER_LOG,
    // A developer's demo site would leak into the tests: the suite adds its own sites.
    env: { CHARGEBEE_DEV_BASE_URL: undefined, CHARGEBEE_DEV_API_KEY: undefined },
    onLog: (line) => {
      console.log(line);
      // Mocha's spec summary, however the suite configures the rest of its output.
      const summary = /^\s*(\d+) (passing|failing)( \(|$)/.exec(line);
      if (summary) counts[summary[2] === 'passing' ? 'passed' : 'failed'] = Number(summary[1]);
    },
  });
  // A crash before mocha's summary still has to count as a failure.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  if (process.env.TEST_COUNTS_FILE) writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify(counts));
  console.log(`integration: ${counts.passed} passed, ${counts.failed} failed (exit code ${code})`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
