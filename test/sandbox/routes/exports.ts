/**
 * Exports: the 18 triggers and retrieve. A job is in_process for `exportSeconds` of sandbox time,
 * then completed with a download (valid 4 h from completion) or, when any filter value was
 * `__fail__`, failed. At most 5 jobs may be in_process at once; the 6th trigger gets 429
 * operation_failed / api_request_limit_exceeded (the spec's suggested mapping of the documented
 * "API request limit" error).
 */
import { randomBytes } from 'node:crypto';
import { notFound, requestLimit } from '../errors';
import { EXPORT_KINDS, buildExportFiles } from '../export-kinds';
import { containsFailTrigger } from '../filters';
import type { ExportJob } from '../models';
import type { RequestContext, Route } from '../router';

export const MAX_CONCURRENT_EXPORTS = 5;
export const EXPORT_URL_SECONDS = 4 * 3600;

export function exportStatus(job: ExportJob, now: number): 'in_process' | 'completed' | 'failed' {
  if (now < job.finishesAt) return 'in_process';
  return job.fails ? 'failed' : 'completed';
}

function render(job: ExportJob, ctx: RequestContext) {
  const status = exportStatus(job, ctx.now);
  const out: Record<string, unknown> = { id: job.id, operation_type: job.operation_type, mime_type: job.mime_type, status, created_at: job.created_at, object: 'export' };
  if (status === 'completed') {
    out.download = {
      download_url: `${ctx.origin}/downloads/${encodeURIComponent(ctx.state.options.site)}/exports/${job.id}.zip?token=${job.token}`,
      valid_till: job.finishesAt + EXPORT_URL_SECONDS,
      mime_type: 'application/zip',
      object: 'download',
    };
  }
  return { export: out };
}

function trigger(kind: string): Route {
  const def = EXPORT_KINDS[kind];
  return {
    method: 'POST',
    pattern: `/exports/${kind}`,
    handler: (ctx) => {
      const { store } = ctx.state;
      const running = [...store.exports.values()].filter((j) => exportStatus(j, ctx.now) === 'in_process').length;
      if (running >= MAX_CONCURRENT_EXPORTS) {
        throw requestLimit(`Sorry, the API request limit has been reached: at most ${MAX_CONCURRENT_EXPORTS} export jobs can be processed at a time.`);
      }
      const fails = containsFailTrigger(ctx.body);
      const job: ExportJob = {
        id: store.newId(),
        operation_type: def?.operationType ?? kind,
        mime_type: 'zip',
        created_at: ctx.now,
        finishesAt: ctx.now + ctx.state.options.exportSeconds,
        fails,
        files: fails ? [] : buildExportFiles(kind, store, ctx.body),
        token: randomBytes(16).toString('hex'),
      };
      store.exports.set(job.id, job);
      if (!fails) store.downloads.set(job.token, { kind: 'export', exportId: job.id, validTill: job.finishesAt + EXPORT_URL_SECONDS });
      return { body: render(job, ctx) };
    },
  };
}

export const exportRoutes: readonly Route[] = [
  ...Object.keys(EXPORT_KINDS).map(trigger),
  {
    method: 'GET',
    pattern: '/exports/{export_id}',
    handler: (ctx) => {
      const job = ctx.state.store.exports.get(ctx.pathParams.export_id ?? '');
      if (!job) throw notFound();
      ctx.state.stats.countExportRetrieve(job.id, ctx.state.clock.nowPrecise());
      return { body: render(job, ctx) };
    },
  },
];
