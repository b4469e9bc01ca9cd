/**
 * Route table and matcher. A path that matches no pattern is a 404; one that matches a pattern of
 * another method is a 405, as Chargebee answers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { methodNotSupported, notFound } from './errors';
import type { FormTree } from './form-parser';
import type { SandboxState } from './state';

export interface RequestContext {
  readonly method: string;
  /** Path below `/api/v2`, e.g. `/quotes/12/convert`. */
  readonly path: string;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: FormTree;
  readonly body: FormTree;
  readonly headers: IncomingHttpHeaders;
  readonly state: SandboxState;
  /** Sandbox time, epoch seconds and milliseconds, fixed for the whole request. */
  readonly now: number;
  readonly nowMs: number;
  /** The sandbox's own `http://host:port` (never the Host header), for URLs we hand out. */
  readonly origin: string;
}

export interface ApiResult {
  status?: number;
  body: object;
}

export type Handler = (ctx: RequestContext) => ApiResult;

export interface Route {
  readonly method: 'GET' | 'POST';
  /** Below `/api/v2`, with `{name}` placeholders. */
  readonly pattern: string;
  readonly handler: Handler;
  /** Set when the route exists in one product catalog only: the other catalog's sites get configuration_incompatible. */
  readonly catalog?: 1 | 2;
}

interface Compiled {
  route: Route;
  segments: (string | { name: string })[];
}

export interface RouteMatch {
  route: Route;
  pathParams: Record<string, string>;
}

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({
      route,
      segments: route.pattern
        .split('/')
        .filter((s) => s !== '')
        .map((s) => (/^\{\w+\}$/.test(s) ? { name: s.slice(1, -1) } : s)),
    }));
  }

  /** The route for `method path`; throws 404 or 405 as ApiError. */
  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter((s) => s !== '');
    const fitting = this.compiled.filter((c) => c.segments.length === parts.length && c.segments.every((seg, i) => typeof seg !== 'string' || seg === parts[i]));
    if (fitting.length === 0) throw notFound(undefined, 'Sorry, we couldn\'t find that resource');
    const forMethod = fitting.filter((c) => c.route.method === method);
    if (forMethod.length === 0) throw methodNotSupported(method);
    // The most literal pattern wins: /quotes/update_subscription_quote before /quotes/{quote_id}.
    forMethod.sort((a, b) => literalRank(b) - literalRank(a));
    const best = forMethod[0];
    if (!best) throw notFound();
    const pathParams: Record<string, string> = {};
    best.segments.forEach((seg, i) => {
      if (typeof seg === 'string') return;
      try {
        pathParams[seg.name] = decodeURIComponent(parts[i] ?? '');
      } catch {
        pathParams[seg.name] = parts[i] ?? '';
      }
    });
    return { route: best.route, pathParams };
  }
}

function literalRank(c: Compiled): number {
  // Earlier literal segments weigh more, so the first difference decides.
  return c.segments.reduce<number>((rank, seg, i) => rank + (typeof seg === 'string' ? 2 ** (16 - i) : 0), 0);
}
