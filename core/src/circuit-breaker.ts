// The circuit breaker of one backend target: stops hammering a backend that keeps failing, and lets the
// calls through again as soon as it answers.
import { coreError } from './errors.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Opens after `failures` failed requests in a row and refuses calls for `cooldownMs`; then it is half-open and
 * lets one trial call through (the others are still refused). Any answer from the backend closes it at once;
 * a failed trial opens it for another cool-down. The pause it reports and its Retry after are the same number.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private trialInFlight = false;
  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
  ) {}

  get state(): CircuitState {
    if (this.failures < this.threshold) return 'closed';
    return Date.now() < this.openUntil || this.trialInFlight ? 'open' : 'half-open';
  }

  /** Seconds until a trial call is let through (at least 1 while open). */
  private get waitSeconds(): number {
    return Math.max(1, Math.ceil((this.openUntil - Date.now()) / 1000));
  }

  /** Lets the call through (closed, or the one trial of half-open) or throws CNMCP_ERR_BACKEND_CIRCUIT_OPEN. */
  admit(label: string): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'half-open') {
      this.trialInFlight = true;
      return;
    }
    const wait = this.waitSeconds;
    const why = this.trialInFlight
      ? 'a trial call is checking whether it is back'
      : `calls are paused for ${wait}s, then one trial call is let through`;
    throw coreError('CNMCP_ERR_BACKEND_CIRCUIT_OPEN', `${label}: ${this.failures} calls in a row failed; ${why}`, {
      retryAfterSeconds: wait,
    });
  }

  /** The backend answered (any HTTP status it sends on purpose): it is up. */
  answered(): void {
    this.failures = 0;
    this.trialInFlight = false;
  }

  /** Connection error, timeout or 502/503/504. */
  failed(): void {
    this.failures += 1;
    this.trialInFlight = false;
    if (this.failures >= this.threshold) this.openUntil = Date.now() + this.cooldownMs;
  }

  describe(): { state: CircuitState; retryAfterSeconds?: number } {
    const state = this.state;
    return state === 'open' ? { state, retryAfterSeconds: this.waitSeconds } : { state };
  }

  /** The call ended without telling whether the backend is up (cancelled, oversized answer). */
  release(): void {
    this.trialInFlight = false;
  }
}
