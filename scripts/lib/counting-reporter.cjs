// Mocha's spec reporter, plus a JSON file with the counts (path in TEST_COUNTS_FILE) so that
// scripts/test-all.mjs can sum tiers without parsing human-readable output.
const { writeFileSync } = require('node:fs');
const { reporters } = require('mocha');

class CountingReporter extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const out = process.env.TEST_COUNTS_FILE;
    if (!out) return;
    runner.once('end', () => {
      const { passes, failures, pending } = this.stats;
      writeFileSync(out, JSON.stringify({ passed: passes, failed: failures, pending }));
    });
  }
}

module.exports = CountingReporter;
