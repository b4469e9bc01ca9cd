/**
 * Peak RSS growth of this process over one piece of work. Two witnesses: a 20 ms sampler of
 * `process.memoryUsage.rss()` (misses spikes while the event loop is blocked), and the kernel's own
 * high-water mark, VmHWM, reset at the start through /proc/self/clear_refs where Linux allows it. The
 * larger of the two is reported. With `--expose-gc` (bench children run so), the growth that stays once
 * garbage is collected is reported too: what the work retains, apart from the parse garbage it made.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface RssGrowth {
  baselineBytes: number;
  peakBytes: number;
  growthBytes: number;
  /** Whether the kernel's peak was reset and so counted. */
  kernelPeak: boolean;
  /** RSS and V8 heap growth still there after a full collection; absent without --expose-gc. */
  afterGc?: { rssBytes: number; heapBytes: number };
}

const gc = (globalThis as { gc?: () => void }).gc;

function vmHwm(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function resetKernelPeak(): boolean {
  try {
    // "5" resets the peak resident set size (Documentation/filesystems/proc.rst).
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export async function measureRss<T>(work: () => Promise<T>): Promise<{ result: T; rss: RssGrowth }> {
  // A collection first, when exposed, so garbage from the setup does not count as growth or as headroom.
  gc?.();
  const baseline = process.memoryUsage.rss();
  const baselineHeap = process.memoryUsage().heapUsed;
  const kernelPeak = resetKernelPeak();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    const hwm = kernelPeak ? vmHwm() : undefined;
    if (hwm !== undefined) peak = Math.max(peak, hwm);
    const rss: RssGrowth = { baselineBytes: baseline, peakBytes: peak, growthBytes: peak - baseline, kernelPeak: kernelPeak && hwm !== undefined };
    if (gc) {
      // Twice: the first collection can leave weak and finalizable objects to the second.
      gc();
      gc();
      const after = process.memoryUsage();
      rss.afterGc = { rssBytes: after.rss - baseline, heapBytes: after.heapUsed - baselineHeap };
    }
    return { result, rss };
  } finally {
    clearInterval(timer);
  }
}
