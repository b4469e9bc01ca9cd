/**
 * downloads/ is a lower layer: it imports no feature folder. What a feature needs from it (a progress
 * notification, the files of a download) goes through callbacks and types defined in downloads/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const FEATURES = ['quotes', 'exports', 'subscriptions', 'sites', 'commands'];
const dir = path.join(__dirname, '..', '..', 'src', 'downloads');

describe('downloads/ layering', () => {
  it('imports no feature folder', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 5);
    for (const file of files) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const [, spec = ''] of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
        const target = path.relative(path.join(dir, '..'), path.resolve(dir, spec)).split(path.sep)[0] ?? '';
        if (spec.startsWith('.')) assert.ok(!FEATURES.includes(target), `${file} imports ${spec}`);
      }
    }
  });
});
