/**
 * Figure 4: the export engine (queue + poller, as activate() builds them) against the sandbox on a fake
 * clock that moves the sandbox clock with it (the approach of test/api/poller-sandbox.test.ts): 8 jobs
 * of 120 s, so 5 run and 3 queue. The reference is a naive poller measured the same way: retrieve every
 * running export every 10 s (the documented minimum), start a queued one as a slot frees.
 */
import { exportApi, exportClient } from '../../src/exports/jobs/export-api';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import { engine, MemoryKv } from '../support/export-engine';
import { FakeClock } from '../support/fake-clock';
import { figure, goal, type Figure } from './figures';

const SEC = 1000;
const MIN = 60 * SEC;
const JOBS = 8;
const EXPORT_SECONDS = 120;

interface Run {
  requestsPerJob: number;
  minIntervalSeconds: number;
  idleRequests: number;
  completed: number;
}

function minInterval(sb: RunningSandbox): number {
  return Math.min(...Object.values(sb.control.stats().exports).map((s) => s.minIntervalSeconds ?? Infinity));
}

async function ours(sb: RunningSandbox): Promise<Run> {
  sb.control.reset();
  const clock = new FakeClock(sb.control.now() * 1000);
  const client = exportClient({ baseUrl: sb.url, apiKey: sb.apiKey, timeoutMs: 5000 });
  const e = engine(new MemoryKv(), clock, exportApi(client), {});
  const sync = (deltaMs: number): Promise<void> => {
    sb.control.advanceClock(deltaMs / 1000);
    return Promise.resolve();
  };
  try {
    const jobs = await Promise.all(Array.from({ length: JOBS }, () => e.queue.enqueue({ siteId: sb.site, kind: 'exports.customers', params: {} })));
    // Long enough for both waves (2 x 120 s) and the poller's slower late polls.
    await e.advance(15 * MIN, sync);
    const completed = jobs.filter((j) => e.store.get(j.id)?.status === 'completed').length;
    const total = sb.control.stats().total;
    await e.advance(10 * MIN, sync);
    return { requestsPerJob: total / JOBS, minIntervalSeconds: minInterval(sb), idleRequests: sb.control.stats().total - total, completed };
  } finally {
    e.dispose();
  }
}

/** Fixed 10 s polling of every running export; the sandbox clock is moved directly. */
async function naive(sb: RunningSandbox): Promise<Run> {
  sb.control.reset();
  const client = exportClient({ baseUrl: sb.url, apiKey: sb.apiKey, timeoutMs: 5000 });
  const api = exportApi(client);
  let queued = JOBS;
  const running = new Set<string>();
  let completed = 0;
  const fill = async (): Promise<void> => {
    while (queued > 0 && running.size < 5) {
      queued--;
      running.add((await api.trigger('/exports/customers', {}, `naive-${queued}`)).id);
    }
  };
  await fill();
  for (let t = 0; t < 15 * 60 && (running.size > 0 || queued > 0); t += 10) {
    sb.control.advanceClock(10);
    for (const id of [...running]) {
      if ((await api.retrieve(id)).status !== 'in_process') {
        running.delete(id);
        completed++;
      }
    }
    await fill();
  }
  return { requestsPerJob: sb.control.stats().total / JOBS, minIntervalSeconds: minInterval(sb), idleRequests: 0, completed };
}

export async function benchPoller(): Promise<Figure[]> {
  const sb = await startSandbox({ seed: 'empty', exportSeconds: EXPORT_SECONDS });
  try {
    const a = await ours(sb);
    const b = await naive(sb);
    const done = `${a.completed}/${JOBS} completed`;
    return [
      figure({ id: '4a', name: 'poller: requests per export job', unit: 'req', value: a.requestsPerJob, reference: { label: 'fixed 10 s polling', value: b.requestsPerJob }, notes: `${JOBS} jobs of ${EXPORT_SECONDS} s (5 running, 3 queued), sandbox clock; ${done}` }),
      figure({ id: '4b', name: 'poller: smallest gap between 2 retrieves', unit: 's', value: a.minIntervalSeconds, reference: { label: 'documented minimum', value: 10 }, goal: goal('value', '>=', 10, '>= 10 s') }),
      figure({ id: '4c', name: 'poller: requests in 10 idle minutes', unit: 'req', value: a.idleRequests, reference: { label: 'nothing to poll', value: 0 }, goal: goal('value', '<=', 0, '0') }),
    ];
  } finally {
    await sb.close();
  }
}
