/**
 * Everything one running sandbox holds, passed to every handler: the site's data, its clock and
 * the options it was started with.
 */
import type { SandboxClock } from './clock';
import type { StatsRecorder } from './control';
import type { Store } from './store';

export type SeedKind = 'demo' | 'empty' | 'large';

export interface SandboxOptions {
  apiKey: string;
  site: string;
  seed: SeedKind;
  /** Seconds an export stays in_process on the sandbox clock. */
  exportSeconds: number;
  /** Product catalog version of the site; undefined serves both (the demo mixes them). */
  catalog?: 1 | 2;
}

export interface SandboxState {
  store: Store;
  readonly clock: SandboxClock;
  readonly options: SandboxOptions;
  readonly stats: StatsRecorder;
}
