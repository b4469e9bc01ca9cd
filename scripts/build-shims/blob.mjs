// Stands in for `fetch-blob` (and its file.js, from.js): Node 20 has Blob and File in node:buffer and
// fs.openAsBlob, so node-fetch gets those instead of a userland copy with a web-streams polyfill.
import { Blob, File } from 'node:buffer';
import { openAsBlob, readFileSync } from 'node:fs';
import { basename } from 'node:path';

export { Blob, File };
export default Blob;
export const blobFrom = (path, type = '') => openAsBlob(path, { type });
export const fileFrom = async (path, type = '') => new File([await openAsBlob(path)], basename(path), { type });
export const blobFromSync = (path, type = '') => new Blob([readFileSync(path)], { type });
export const fileFromSync = (path, type = '') => new File([readFileSync(path)], basename(path), { type });
