/**
 * Entry of the extension-host suite: `run()` is what VS Code calls with `--extensionTestsPath`.
 * Test files are imported statically so the suite is one bundle; mocha-instance must come first.
 */
import { mocha } from './mocha-instance';
import './core.test';
import './quote-actions.test';
import './quote-forms.test';
import './exports-form.test';
import './export-jobs.test';
import './unbilled.test';
import './viewers.test';
import './site-catalog.test';
import './unbilled-manage.test';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
