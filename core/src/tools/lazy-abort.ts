// A call's cancellation without an AbortController until someone needs a real AbortSignal. An AbortSignal is an
// EventTarget: building one per call (and listening on it) is a measurable share of a short call's CPU, and most
// calls are never cancelled and many tools never read their signal.
export class LazyAbort {
  private controller?: AbortController;
  private stopped?: { reason: unknown };
  private listeners?: Array<(reason: unknown) => void>;

  get aborted(): boolean {
    return this.stopped !== undefined;
  }

  get reason(): unknown {
    return this.stopped?.reason;
  }

  /** A real signal, made on first use (already aborted when the call was). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.stopped) this.controller.abort(this.stopped.reason);
    }
    return this.controller.signal;
  }

  abort(reason?: unknown): void {
    if (this.stopped) return;
    this.stopped = { reason };
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) listener(reason);
  }

  /** Calls `listener` once, when aborted; returns the function that stops listening. */
  onAbort(listener: (reason: unknown) => void): () => void {
    if (this.stopped) {
      listener(this.stopped.reason);
      return () => undefined;
    }
    (this.listeners ??= []).push(listener);
    return () => {
      const at = this.listeners?.indexOf(listener) ?? -1;
      if (at >= 0) this.listeners!.splice(at, 1);
    };
  }
}
