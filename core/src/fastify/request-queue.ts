// Request observations waiting to be folded into prom-client metrics. Adding one is three array stores; the
// label hashing and bucket search happen in `fold`, when the metrics are read (a scrape) or the queue is full,
// so a scrape still sees every request counted before it.
const FOLD_AT = 512;

export class RequestQueue {
  private methods: string[] = [];
  private statuses: string[] = [];
  private seconds: number[] = [];

  constructor(private readonly record: (method: string, status: string, seconds: number) => void) {}

  add(method: string, status: string, seconds: number): void {
    this.methods.push(method);
    this.statuses.push(status);
    this.seconds.push(seconds);
    if (this.methods.length >= FOLD_AT) this.fold();
  }

  /** Records every queued observation, oldest first. */
  fold(): void {
    const { methods, statuses, seconds } = this;
    if (methods.length === 0) return;
    this.methods = [];
    this.statuses = [];
    this.seconds = [];
    for (let i = 0; i < methods.length; i++) this.record(methods[i], statuses[i], seconds[i]);
  }
}
