/**
 * The import form's checks across fields and rows, which the catalog cannot express: a charge's
 * dates in order, no negative amounts (the decimal variants included), the entity id each entity type
 * needs, unique charge ids, and discount and tier rows pointing at a charge row of this request.
 * Errors are placed on form paths (`unbilled_charges[date_to][1]`), so form row numbers are used.
 */
import type { FieldDescriptor, FormModel } from '../forms/model';
import { convertField } from '../forms/convert';
import { descriptorAt } from '../forms/validate-form';
import type { FieldError, FormValues, RowValues } from '../forms/values';
import { isBlank, rowFieldPath } from '../forms/values';
import { CHARGES, DISCOUNTS, TIERS } from './unbilled-model';

const COUPON_TYPES = new Set(['item_level_coupon', 'document_level_coupon']);
const NUMERIC = new Set(['integer', 'money', 'decimal']);

/** One form row with its position, skipping rows left entirely blank (the engine drops those too). */
interface FormRow {
  readonly index: number;
  readonly values: RowValues;
}

function filledRows(values: FormValues, group: string): FormRow[] {
  return (values.rows[group] ?? []).flatMap((row, index) => (Object.values(row).every((v) => isBlank(v) || v === false) ? [] : [{ index, values: row }]));
}

function text(row: RowValues, field: string): string {
  const v = row[field];
  return typeof v === 'string' ? v.trim() : '';
}

export function unbilledChargeErrors(model: FormModel, values: FormValues, currency: string): FieldError[] {
  const errors: FieldError[] = [];
  const at = (group: string, field: string, row: number, message: string, related: readonly string[] = []): void => {
    errors.push({ field: rowFieldPath(group, field, row), message, ...(related.length > 0 ? { related: related.map((r) => rowFieldPath(group, r, row)) } : {}) });
  };
  const descriptor = (group: string, field: string): FieldDescriptor | undefined => descriptorAt(model, `${group}[${field}]`);
  /** A field's converted value, or undefined when blank or unconvertible (the engine reports the latter). */
  const number = (group: string, field: string, row: RowValues): number | undefined => {
    const d = descriptor(group, field);
    if (!d) return undefined;
    const v = convertField(d, row[field], currency).value;
    if (typeof v === 'number') return v;
    return typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
  };

  const charges = filledRows(values, CHARGES);
  if (charges.length === 0) errors.push({ field: CHARGES, message: 'Add at least one unbilled charge.' });
  const chargeIds = new Map<string, number>();
  for (const { index, values: row } of charges) {
    const from = number(CHARGES, 'date_from', row);
    const to = number(CHARGES, 'date_to', row);
    if (from !== undefined && to !== undefined && from > to) at(CHARGES, 'date_to', index, 'To cannot be before From', ['date_from']);

    const type = text(row, 'entity_type');
    const entity = text(row, 'entity_id');
    if (type === 'adhoc' && entity !== '') at(CHARGES, 'entity_id', index, 'Entity id must be empty for adhoc charges', ['entity_type']);
    // UNCONFIRMED in the docs: a plan, addon or item price charge without its entity is refused here.
    if (type !== '' && type !== 'adhoc' && entity === '') at(CHARGES, 'entity_id', index, `Entity id is required for ${type} charges`, ['entity_type']);

    const id = text(row, 'id');
    if (id !== '') {
      if (chargeIds.has(id)) errors.push({ field: rowFieldPath(CHARGES, 'id', index), message: `Charge id ${id} is already used by row ${(chargeIds.get(id) ?? 0) + 1}`, related: [CHARGES] });
      else chargeIds.set(id, index);
    }
  }

  const known = [...chargeIds.keys()];
  const reference = (group: string, row: FormRow, required: boolean): void => {
    const ref = text(row.values, 'unbilled_charge_id');
    if (ref === '') {
      if (required) at(group, 'unbilled_charge_id', row.index, 'Charge id is required: pick the charge row this belongs to');
      return;
    }
    if (!chargeIds.has(ref)) {
      const hint = known.length > 0 ? `one of ${known.join(', ')}` : 'the id given to a charge row (none has one yet)';
      errors.push({ field: rowFieldPath(group, 'unbilled_charge_id', row.index), message: `Charge id ${ref} matches no charge row; use ${hint}`, related: [CHARGES] });
    }
  };
  for (const row of filledRows(values, DISCOUNTS)) {
    reference(DISCOUNTS, row, false);
    const type = text(row.values, 'entity_type');
    if (COUPON_TYPES.has(type) && text(row.values, 'entity_id') === '') at(DISCOUNTS, 'entity_id', row.index, `Coupon is required for ${type} discounts`, ['entity_type']);
  }
  for (const row of filledRows(values, TIERS)) reference(TIERS, row, true);

  // Amounts, counts and their decimal variants: the catalog bounds only some of them.
  for (const group of [CHARGES, DISCOUNTS, TIERS]) {
    for (const { index, values: row } of filledRows(values, group)) {
      for (const field of Object.keys(row)) {
        const d = descriptor(group, field);
        if (!d || !NUMERIC.has(d.type)) continue;
        const n = number(group, field, row);
        if (n !== undefined && n < 0) at(group, field, index, `${d.label} cannot be negative`);
      }
    }
  }
  return errors;
}
