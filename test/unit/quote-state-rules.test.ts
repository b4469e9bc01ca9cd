import assert from 'node:assert/strict';
import {
  actionFlag,
  actionFlags,
  allowedActions,
  effectiveStatus,
  isActionAllowed,
  QUOTE_ACTIONS,
  quoteContextValue,
  statusesAllowing,
} from '../../src/quotes/state-rules';

const NOW = 1_800_000_000;
const future = NOW + 86_400;
const past = NOW - 86_400;

describe('quote state rules', () => {
  it('offers every action on an open quote and no accept on an accepted one', () => {
    assert.deepEqual(allowedActions({ status: 'open', valid_till: future }, NOW), [...QUOTE_ACTIONS]);
    assert.deepEqual(allowedActions({ status: 'accepted', valid_till: future }, NOW), ['decline', 'close', 'convert', 'extend', 'delete', 'pdf']);
  });

  it('leaves only delete and pdf on terminal statuses, and on CPQ or unknown ones', () => {
    for (const status of ['declined', 'invoiced', 'voided', 'pending_approval', 'something_new']) {
      assert.deepEqual(allowedActions({ status, valid_till: future }, NOW), ['delete', 'pdf'], status);
    }
  });

  it('treats an open or accepted quote past valid_till as closed, which can then be extended', () => {
    assert.equal(effectiveStatus({ status: 'open', valid_till: past }, NOW), 'closed');
    assert.equal(effectiveStatus({ status: 'accepted', valid_till: past }, NOW), 'closed');
    assert.equal(effectiveStatus({ status: 'declined', valid_till: past }, NOW), 'declined');
    assert.deepEqual(allowedActions({ status: 'open', valid_till: past }, NOW), ['extend', 'delete', 'pdf']);
    assert.equal(isActionAllowed({ status: 'open', valid_till: past }, 'accept', NOW), false);
  });

  it('does not offer extend on a quote closed by hand before its expiry', () => {
    assert.equal(isActionAllowed({ status: 'closed', valid_till: future }, 'extend', NOW), false);
    assert.equal(isActionAllowed({ status: 'closed', valid_till: past }, 'extend', NOW), true);
  });

  it('offers nothing on a deleted quote', () => {
    assert.deepEqual(allowedActions({ status: 'open', valid_till: future, deleted: true }, NOW), []);
  });

  it('lists the statuses a picker should ask for per action', () => {
    assert.deepEqual(statusesAllowing('accept'), ['open']);
    assert.deepEqual([...statusesAllowing('convert')].sort(), ['accepted', 'open']);
    assert.deepEqual([...statusesAllowing('extend')].sort(), ['accepted', 'closed', 'open']);
    assert.deepEqual([...statusesAllowing('pdf')].sort(), ['accepted', 'closed', 'declined', 'invoiced', 'open']);
  });

  it('builds word flags a when-clause regex can match without matching a longer flag', () => {
    assert.equal(actionFlag('extend'), 'canExtend');
    const value = quoteContextValue({ status: 'accepted', valid_till: future }, NOW);
    assert.equal(value, 'quote status:accepted canDecline canClose canConvert canExtend canDelete canPdf');
    assert.doesNotMatch(value, /\bcanAccept\b/);
    assert.match(value, /\bcanConvert\b/);
    assert.equal(actionFlags({ status: 'open', valid_till: future, deleted: true }, NOW), '');
    assert.equal(quoteContextValue({ status: 'open', valid_till: future, deleted: true }, NOW), 'quote status:open deleted');
  });
});
