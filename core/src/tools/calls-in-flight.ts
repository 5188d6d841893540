// Tool calls in flight, for graceful shutdown: a count and one promise for "none left". A set of every call's
// promise cost more than the call it tracked: each entry gives the promise an identity hash, and its finally()
// makes two more promises.
export class CallsInFlight {
  private count = 0;
  private idle?: { promise: Promise<void>; resolve(): void };

  /** Calls now in flight. */
  get size(): number {
    return this.count;
  }

  enter(): void {
    this.count++;
  }

  leave(): void {
    if (this.count > 0) this.count--;
    if (this.count === 0 && this.idle) {
      this.idle.resolve();
      this.idle = undefined;
    }
  }

  /** Resolves when no call is in flight, at once when none is (calls that start meanwhile are waited for too). */
  drained(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    if (!this.idle) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.idle = { promise, resolve };
    }
    return this.idle.promise;
  }
}
