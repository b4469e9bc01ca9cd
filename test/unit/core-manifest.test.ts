/**
 * package.json against the code: every command of the central map is contributed and vice versa,
 * every command is in category Chargebee, item-only commands are hidden from the palette, every
 * `viewItem` regex of a menu matches a contextValue some tree can produce, and the settings the code
 * reads are declared with descriptions.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_COMMAND_IDS } from '../../src/commands/ids';
import type { ExportJob, JobStatus } from '../../src/exports/jobs/job';
import { presentJob } from '../../src/exports/tree/presentation';
import { NODE_CONTEXT } from '../../src/quotes/tree/nodes';
import { quoteContextValue } from '../../src/quotes/state-rules';

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

interface Manifest {
  readonly icon?: string;
  readonly contributes: {
    readonly commands: readonly { command: string; title: string; category?: string; icon?: string }[];
    readonly menus: Readonly<Record<string, readonly MenuEntry[]>>;
    readonly views: Readonly<Record<string, readonly { id: string; name: string }[]>>;
    readonly viewsContainers: { readonly activitybar: readonly { id: string; title: string; icon: string }[] };
    readonly viewsWelcome: readonly { view: string; contents: string; when?: string }[];
    readonly configuration: { readonly properties: Readonly<Record<string, { description?: string; markdownDescription?: string; default?: unknown }>> };
  };
}

const root = path.join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const NOW = 1_800_000_000;

/** Every contextValue the two trees can produce, from the same functions the trees call. */
function producibleContextValues(): string[] {
  const quotes = ['open', 'accepted', 'declined', 'invoiced', 'closed', 'proposed'].flatMap((status) => [
    quoteContextValue({ status, valid_till: NOW + 100 }, NOW),
    quoteContextValue({ status, valid_till: NOW - 100 }, NOW),
    quoteContextValue({ status, deleted: true }, NOW),
  ]);
  const statuses: JobStatus[] = ['queued', 'running', 'completed', 'failed', 'expired', 'cancelled'];
  const jobs = statuses.flatMap((status) =>
    [undefined, '/tmp/file.csv', 'retrying'].map((variant) => {
      const localFile = variant === '/tmp/file.csv' ? variant : undefined;
      const job = {
        id: 'j1',
        siteId: 's',
        kind: 'exports.customers',
        params: {},
        status,
        createdAt: NOW * 1000 - 60_000,
        exportId: status === 'queued' ? undefined : 'e1',
        localFile,
        validTill: NOW + 3600,
        ...(variant === 'retrying' ? { error: 'HTTP 503', nextPollAt: NOW * 1000 + 40_000 } : {}),
      } as unknown as ExportJob;
      return presentJob(job, NOW * 1000).contextValue;
    }),
  );
  return [...quotes, ...jobs, ...Object.values(NODE_CONTEXT)];
}

function viewItemRegexes(when: string): RegExp[] {
  return [...when.matchAll(/viewItem =~ \/(.+?)\/(?=\s|$)/g)].map((m) => new RegExp(m[1] ?? ''));
}

function viewItemEquals(when: string): string[] {
  return [...when.matchAll(/viewItem == ([\w.-]+)/g)].map((m) => m[1] ?? '');
}

describe('core: package.json contributions', () => {
  // The id maps import no `vscode`, so plain Node can read them.
  const ids: readonly string[] = ALL_COMMAND_IDS;

  it('contributes exactly the commands of the central map', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.equal(new Set(contributed).size, contributed.length, 'no command is contributed twice');
    assert.deepEqual([...contributed].sort(), [...ids].sort());
  });

  it('puts every command in category Chargebee, with a title', () => {
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'Chargebee', c.command);
      assert.ok(c.title.trim() !== '', c.command);
    }
  });

  it('gives every view-title button an icon', () => {
    const icons = new Map(manifest.contributes.commands.map((c) => [c.command, c.icon]));
    for (const entry of manifest.contributes.menus['view/title'] ?? []) {
      if (entry.group?.startsWith('navigation') === true) assert.ok(icons.get(entry.command), `${entry.command} has an icon`);
    }
  });

  it('matches every viewItem clause against a contextValue the trees produce', () => {
    const values = producibleContextValues();
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) {
        for (const regex of viewItemRegexes(entry.when ?? '')) {
          assert.ok(values.some((v) => regex.test(v)), `${menu} ${entry.command}: ${String(regex)} matches some contextValue`);
        }
        for (const exact of viewItemEquals(entry.when ?? '')) assert.ok(values.includes(exact), `${menu} ${entry.command}: viewItem == ${exact}`);
      }
    }
  });

  it('hides item-only commands from the palette', () => {
    const hidden = new Set((manifest.contributes.menus['commandPalette'] ?? []).filter((m) => m.when === 'false').map((m) => m.command));
    const itemMenus = manifest.contributes.menus['view/item/context'] ?? [];
    // An item-only command takes its subject from the row; without a row it has nothing to act on.
    const itemOnly = ['chargebee.quotes.loadMore', 'chargebee.quotes.retry', 'chargebee.exports.openFile', 'chargebee.exports.removeJob', 'chargebee.exports.cancelJob', 'chargebee.exports.editAndRunAgain'];
    for (const id of itemOnly) {
      assert.ok(hidden.has(id), `${id} is hidden from the palette`);
      assert.ok(ids.includes(id), `${id} is a known command`);
    }
    for (const id of hidden) assert.ok(itemMenus.some((m) => m.command === id) || id.endsWith('loadMore') || id.endsWith('retry'), `${id} is hidden but reachable from a row`);
  });

  it('declares the Chargebee container, its two views and their welcome content', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === 'chargebee');
    assert.equal(container?.title, 'Chargebee');
    assert.ok(container && readFileSync(path.join(root, container.icon)).length > 0, 'the container icon exists');
    assert.deepEqual(manifest.contributes.views['chargebee']?.map((v) => [v.id, v.name]), [
      ['chargebee.quotes', 'Quotes'],
      ['chargebee.exportJobs', 'Export Jobs'],
    ]);
    for (const view of ['chargebee.quotes', 'chargebee.exportJobs']) {
      const welcome = manifest.contributes.viewsWelcome.find((w) => w.view === view && w.when === '!chargebee.hasSite');
      assert.match(welcome?.contents ?? '', /\(command:chargebee\.addSite\)/, `${view} offers Add Site when no site exists`);
    }
    assert.ok(manifest.icon && readFileSync(path.join(root, manifest.icon)).length > 0, 'the extension icon exists');
  });

  it('declares every setting the code reads, each with a description', () => {
    const props = manifest.contributes.configuration.properties;
    const read = [
      'chargebee.quotes.pageSize',
      'chargebee.quotes.groupBy',
      'chargebee.exports.maxConcurrent',
      'chargebee.exports.pollIntervalSeconds',
      'chargebee.exports.autoDownload',
      'chargebee.exports.downloadFolder',
      'chargebee.exports.openAfterDownload',
      'chargebee.requestTimeoutSeconds',
      'chargebee.downloads.idleTimeoutSeconds',
    ];
    for (const key of read) {
      const p = props[key];
      assert.ok(p, `${key} is declared`);
      assert.ok((p.description ?? p.markdownDescription ?? '').length > 10, `${key} has a description`);
    }
  });
});
