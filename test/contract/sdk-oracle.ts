/**
 * What the official `chargebee` SDK (a dev dependency) says each endpoint takes, read from two of its
 * own artefacts:
 * - its endpoint table (`cjs/resources/api_endpoints.js`): method + path -> resource and action;
 * - its request schemas (`cjs/schema/<resource>.schema.js`, Zod objects): every body/query field, the
 *   operators of each filter, enum values and the `sort_by` attributes;
 * - its type definitions (`types/resources/<Resource>.d.ts`), parsed with the TypeScript compiler API:
 *   the `<Action>InputParam` interface and the nested interfaces it names.
 * The SDK's package exports hide these files, so they are loaded by path from its installed folder.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const require = createRequire(__filename);
const cjsDir = dirname(require.resolve('chargebee'));
const typesDir = join(cjsDir, '..', 'types', 'resources');

// ---- the endpoint table ----

type EndpointRow = [action: string, method: string, prefix: string, suffix: string | null, hasId: boolean, ...rest: unknown[]];

export interface SdkEndpoint {
  readonly resource: string;
  readonly action: string;
  readonly method: string;
  /** With `{}` where the SDK puts the id. */
  readonly path: string;
}

const table = (require(join(cjsDir, 'resources', 'api_endpoints.js')) as { Endpoints: Record<string, EndpointRow[]> }).Endpoints;

export const sdkEndpoints: readonly SdkEndpoint[] = Object.entries(table).flatMap(([resource, rows]) =>
  rows.map(([action, method, prefix, suffix, hasId]) => ({ resource, action, method, path: `${prefix}${hasId ? '/{}' : ''}${suffix ?? ''}` })),
);

/** The SDK endpoint at `method path`, where path may name its placeholder (`/quotes/{quote_id}`). */
export function sdkEndpointAt(method: string, path: string): SdkEndpoint | undefined {
  const bare = path.replace(/\{\w+\}/g, '{}');
  return sdkEndpoints.find((e) => e.method === method && e.path === bare);
}

const pascal = (camel: string): string => camel.charAt(0).toUpperCase() + camel.slice(1);
const snake = (camel: string): string => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// ---- the Zod schemas, reduced to a plain shape ----

/** A schema node: what a field accepts. `object` for groups and filters, `array` for lists. */
export type SdkShape =
  | { readonly kind: 'object'; readonly fields: ReadonlyMap<string, SdkShape> }
  | { readonly kind: 'array'; readonly item: SdkShape }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'scalar'; readonly type: string; readonly maxLength?: number; readonly min?: number; readonly max?: number };

interface ZodLike {
  readonly def: { readonly type: string; readonly innerType?: ZodLike; readonly element?: ZodLike; readonly entries?: Record<string, string>; readonly options?: ZodLike[]; readonly checks?: { _zod: { def: Record<string, unknown> } }[] };
  readonly shape?: Record<string, ZodLike>;
}

function reduce(z: ZodLike): SdkShape {
  const def = z.def;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return reduce(def.innerType as ZodLike);
    case 'object':
      return { kind: 'object', fields: new Map(Object.entries(z.shape ?? {}).map(([k, v]) => [k, reduce(v)])) };
    case 'array':
      return { kind: 'array', item: reduce(def.element as ZodLike) };
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries ?? {}) };
    default: {
      const out: { kind: 'scalar'; type: string; maxLength?: number; min?: number; max?: number } = { kind: 'scalar', type: def.type };
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        if (c.check === 'max_length') out.maxLength = c.maximum as number;
        if (c.check === 'less_than') out.max = c.value as number;
        if (c.check === 'greater_than') out.min = c.value as number;
      }
      return out;
    }
  }
}

/** The request schema of an SDK endpoint, or undefined when the SDK ships none for it. */
export function sdkBodySchema(e: SdkEndpoint): ReadonlyMap<string, SdkShape> | undefined {
  let mod: Record<string, ZodLike>;
  try {
    mod = require(join(cjsDir, 'schema', `${snake(e.resource)}.schema.js`)) as Record<string, ZodLike>;
  } catch {
    return undefined;
  }
  const schema = mod[`${pascal(e.action)}${pascal(e.resource)}BodySchema`];
  if (!schema) return undefined;
  const shape = reduce(schema);
  return shape.kind === 'object' ? shape.fields : undefined;
}

// ---- the type definitions ----

/** Member names of the `<Action>InputParam` interface, each with the nested member names it names. */
export interface SdkInput {
  readonly members: ReadonlyMap<string, ReadonlySet<string> | undefined>;
  /** A `[key: \`cf_${string}\`]` index signature: the endpoint takes custom fields. */
  readonly customFields: boolean;
}

const parsedTypes = new Map<string, ts.SourceFile>();

function typesOf(resource: string): ts.SourceFile | undefined {
  const file = join(typesDir, `${pascal(resource)}.d.ts`);
  let source = parsedTypes.get(file);
  if (!source) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    parsedTypes.set(file, source);
  }
  return source;
}

function interfacesIn(source: ts.SourceFile): Map<string, ts.InterfaceDeclaration> {
  const out = new Map<string, ts.InterfaceDeclaration>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node)) out.set(node.name.text, node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function memberName(m: ts.TypeElement): string | undefined {
  if (!m.name) return undefined;
  if (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) return m.name.text;
  return undefined;
}

export function sdkInputType(e: SdkEndpoint): SdkInput | undefined {
  const source = typesOf(e.resource);
  if (!source) return undefined;
  const interfaces = interfacesIn(source);
  const root = interfaces.get(`${pascal(e.action)}InputParam`);
  if (!root) return undefined;
  const members = new Map<string, ReadonlySet<string> | undefined>();
  let customFields = false;
  for (const m of root.members) {
    if (ts.isIndexSignatureDeclaration(m)) {
      customFields ||= m.parameters.some((p) => p.type !== undefined && p.type.getText(source).includes('cf_'));
      continue;
    }
    const name = memberName(m);
    if (name === undefined) continue;
    let nested: Set<string> | undefined;
    if (ts.isPropertySignature(m) && m.type) {
      // `Foo[]` or `Foo`: a nested interface of this file names the group's fields.
      const ref = ts.isArrayTypeNode(m.type) ? m.type.elementType : m.type;
      const inner = ts.isTypeReferenceNode(ref) && ts.isIdentifier(ref.typeName) ? interfaces.get(ref.typeName.text) : undefined;
      if (inner) nested = new Set(inner.members.map(memberName).filter((n): n is string => n !== undefined));
    }
    members.set(name, nested);
  }
  return { members, customFields };
}
