/**
 * Which errors a form keeps after a change (src/forms/shown-errors.ts): the webview's own errors are
 * re-judged, host and server errors stay until their field or a field their rule names changes.
 */
import * as assert from 'node:assert/strict';
import { errorsAfterChange, touches } from '../../src/forms/shown-errors';
import type { FieldError } from '../../src/forms/values';

const host = (field: string, message = 'host says no', related?: string[]): FieldError => ({ field, message, origin: 'host', ...(related ? { related } : {}) });

describe('forms: errors stay until their field changes', () => {
  it('keeps a host error through a re-check that finds nothing (the JPY amount refused by the host)', () => {
    const shown = [host('charges[amount][0]', 'Amount must have no decimals in JPY')];
    // The re-check runs after a blur that changed nothing, and the client (still in USD) finds no error.
    assert.deepEqual(errorsAfterChange(shown, new Set(), []), shown);
    // Another field changed: still kept.
    assert.deepEqual(errorsAfterChange(shown, new Set(['charges[description][0]']), []), shown);
    // Its own field changed: gone (the host judges it again on the next submit).
    assert.deepEqual(errorsAfterChange(shown, new Set(['charges[amount][0]']), []), []);
  });

  it('clears a cross-field error when a field its rule names changes', () => {
    const dateOrder = host('unbilled_charges[date_to][0]', 'To cannot be before From', ['unbilled_charges[date_from][0]']);
    assert.deepEqual(errorsAfterChange([dateOrder], new Set(['unbilled_charges[date_from][1]']), []), [dateOrder]);
    assert.deepEqual(errorsAfterChange([dateOrder], new Set(['unbilled_charges[date_from][0]']), []), []);
    const formLevel = host('', 'Add at least one addon or charge', ['charges', 'addons']);
    assert.deepEqual(errorsAfterChange([formLevel], new Set(['notes']), []), [formLevel]);
    assert.deepEqual(errorsAfterChange([formLevel], new Set(['charges']), []), []);
  });

  it('keeps server errors like host errors, and re-judges client errors with the fresh ones', () => {
    const server: FieldError = { field: 'coupon_ids[0]', message: 'Coupon expired', origin: 'server' };
    const client: FieldError = { field: 'notes', message: 'Notes is too long' };
    const fresh: FieldError[] = [{ field: 'notes', message: 'Notes cannot be longer than 20 characters' }];
    assert.deepEqual(errorsAfterChange([server, client], new Set(['notes']), fresh), [server, { ...fresh[0], origin: 'client' }]);
    assert.deepEqual(errorsAfterChange([server, client], new Set(['notes']), []), [server]);
  });

  it('shows a value that cannot be sent on its field as soon as it is typed, never a blank one', () => {
    const unsendable: FieldError[] = [{ field: 'filter:0', message: 'Total must have no decimals in JPY' }, { field: 'expires_at', message: 'Expires at is not a valid date' }];
    assert.deepEqual(errorsAfterChange([], new Set(['filter:0']), [], unsendable), [{ ...unsendable[0], origin: 'client' }]);
  });

  it('matches rows and groups by path', () => {
    assert.ok(touches('charges[amount][0]', 'charges'));
    assert.ok(touches('charges', 'charges[amount][0]'));
    assert.ok(touches('filter:0', 'filter:0'));
    assert.ok(!touches('charges_x', 'charges'));
    assert.ok(!touches('', 'charges'));
  });
});
