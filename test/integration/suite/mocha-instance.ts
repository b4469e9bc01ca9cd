/**
 * The suite's Mocha instance, set up before any test file is evaluated. The test files are imported
 * statically (one esbuild bundle), so `describe` and `it` must already be globals when their modules
 * run; index.ts imports this module first, and esbuild keeps that evaluation order.
 */
import Mocha from 'mocha';

export const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });

// What `mocha.addFile` + `loadFiles` would do per file: expose the bdd interface on the global object.
mocha.suite.emit('pre-require', globalThis, 'integration-suite', mocha);
