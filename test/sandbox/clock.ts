/**
 * The sandbox clock: real time plus an offset that tests move forward, so export completion,
 * URL expiry and quote expiry can be exercised without sleeping.
 */
export class SandboxClock {
  private offsetMs = 0;

  /** Current sandbox time in epoch seconds with millisecond precision (used for stats intervals). */
  nowPrecise(): number {
    return (Date.now() + this.offsetMs) / 1000;
  }

  /** Current sandbox time in whole epoch seconds, the unit of every API timestamp. */
  now(): number {
    return Math.floor(this.nowPrecise());
  }

  /** Epoch milliseconds, for `resource_version`. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    this.offsetMs += Math.round(seconds * 1000);
  }
}
