/**
 * Which errors a form keeps showing after the user changed some fields. The webview can re-run only
 * the catalog's rules (client errors); the host's cross-field rules and the server's answers it cannot,
 * so those stay exactly until the user touches what they are about. Without that, a debounced re-check
 * that knows only its own rules would remove a host error the moment it arrives.
 */
import type { FieldError } from './values';

/** Does a change at `path` touch `target` (`charges` is touched by `charges[amount][0]`)? */
export function touches(path: string, target: string): boolean {
  if (target === '' || path === '') return false;
  return path === target || path.startsWith(`${target}[`) || path.startsWith(`${target}:`) || target.startsWith(`${path}[`);
}

function isTouched(e: FieldError, changed: ReadonlySet<string>): boolean {
  const targets = [e.field, ...(e.related ?? [])];
  for (const path of changed) if (targets.some((t) => touches(path, t))) return true;
  return false;
}

/**
 * `shown`: the errors on screen; `changed`: field paths whose value changed since; `fresh`: the
 * client's validation of the values now; `unsendable`: the client's conversion errors now (a typed
 * value that cannot be sent), which show on a changed field at once rather than at submit.
 */
export function errorsAfterChange(
  shown: readonly FieldError[],
  changed: ReadonlySet<string>,
  fresh: readonly FieldError[],
  unsendable: readonly FieldError[] = [],
): FieldError[] {
  const freshByField = new Map(fresh.filter((e) => e.field !== '').map((e) => [e.field, e]));
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const add = (e: FieldError): void => {
    const key = e.field === '' ? `:${e.message}` : e.field;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(e);
  };
  for (const e of shown) {
    if ((e.origin ?? 'client') !== 'client') {
      if (!isTouched(e, changed)) add(e);
      continue;
    }
    // A form-level client message stays until the next submit judges the whole form again.
    if (e.field === '') {
      add(e);
      continue;
    }
    const now = freshByField.get(e.field);
    if (now) add({ ...now, origin: 'client' });
  }
  for (const e of unsendable) {
    if (e.field !== '' && [...changed].some((path) => touches(path, e.field))) add({ ...e, origin: 'client' });
  }
  return out;
}

/** Errors of one origin, labelled; `origin` only fills in where none is set. */
export function withOrigin(errors: readonly FieldError[], origin: NonNullable<FieldError['origin']>): FieldError[] {
  return errors.map((e) => (e.origin === undefined ? { ...e, origin } : e));
}
