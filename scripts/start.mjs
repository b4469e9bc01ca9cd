// `npm start`: from a fresh clone to the extension running on the sandbox in a real VS Code.
import { spawn } from 'node:child_process';
import { ensureNodeModules } from './lib/ensure-deps.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
ensureNodeModules(root);
const child = spawn('npx', ['tsx', 'scripts/start-demo.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
