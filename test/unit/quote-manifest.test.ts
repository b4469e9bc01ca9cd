import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { QUOTE_ACTION_COMMANDS } from '../../src/commands/ids';
import { isActionAllowed, QUOTE_ACTIONS, quoteContextValue, type QuoteAction } from '../../src/quotes/state-rules';

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

interface Manifest {
  readonly contributes?: {
    readonly commands?: readonly { command: string; title: string }[];
    readonly menus?: Readonly<Record<string, readonly MenuEntry[]>>;
  };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as Manifest;
const NOW = 1_800_000_000;

/** The `viewItem =~ /.../` regex of a when clause, as VS Code evaluates it. */
function viewItemRegex(when: string | undefined): RegExp | undefined {
  const m = /viewItem =~ \/(.+?)\/(?=\s|$)/.exec(when ?? '');
  return m?.[1] === undefined ? undefined : new RegExp(m[1]);
}

const STATEFUL: Partial<Record<QuoteAction, string>> = {
  accept: QUOTE_ACTION_COMMANDS.accept,
  decline: QUOTE_ACTION_COMMANDS.decline,
  close: QUOTE_ACTION_COMMANDS.close,
  convert: QUOTE_ACTION_COMMANDS.convert,
  extend: QUOTE_ACTION_COMMANDS.extend,
  delete: QUOTE_ACTION_COMMANDS.delete,
  pdf: QUOTE_ACTION_COMMANDS.pdf,
};

const SAMPLES = [
  { status: 'open', valid_till: NOW + 100 },
  { status: 'open', valid_till: NOW - 100 },
  { status: 'accepted', valid_till: NOW + 100 },
  { status: 'declined', valid_till: NOW + 100 },
  { status: 'closed', valid_till: NOW + 100 },
  { status: 'invoiced', valid_till: NOW + 100 },
  { status: 'open', valid_till: NOW + 100, deleted: true },
];

describe('quote commands in package.json', () => {
  it('declares every quote action command with a title', () => {
    const declared = new Map((manifest.contributes?.commands ?? []).map((c) => [c.command, c.title]));
    for (const id of Object.values(QUOTE_ACTION_COMMANDS)) assert.ok(declared.get(id), `${id} in contributes.commands`);
  });

  it('shows each state action in the row menu exactly when the state rules allow it', () => {
    const rowMenu = manifest.contributes?.menus?.['view/item/context'] ?? [];
    for (const action of QUOTE_ACTIONS) {
      const command = STATEFUL[action];
      if (command === undefined) continue;
      const entry = rowMenu.find((m) => m.command === command);
      assert.ok(entry, `${command} in view/item/context`);
      const regex = viewItemRegex(entry.when);
      assert.ok(regex, `${command} matches a viewItem regex`);
      for (const quote of SAMPLES) {
        assert.equal(regex.test(quoteContextValue(quote, NOW)), isActionAllowed(quote, action, NOW), `${action} on ${JSON.stringify(quote)}`);
      }
    }
  });

  it('keeps the console link to real sites in the palette', () => {
    const palette = manifest.contributes?.menus?.commandPalette ?? [];
    const consoleEntry = palette.find((m) => m.command === QUOTE_ACTION_COMMANDS.openConsole);
    assert.match(consoleEntry?.when ?? '', /chargebee\.quotes\.siteHasConsole/);
  });
});
