// Pauses an agent can take between checks, cancellable and with progress.
import { Tool, ToolGroup, annotations, inject, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { UtilitiesConfig } from '../config.js';
import { PauseInput, SleepInput } from '../schemas.js';

const UNIT_MS: Record<string, number> = { ms: 1, milliseconds: 1, seconds: 1_000, minutes: 60_000, hours: 3_600_000 };

/** Waits, reporting progress once a second; ends early (with an error) when the call is cancelled. */
async function wait(ms: number, ctx: ToolContext): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const step = Math.min(1_000, ms - (Date.now() - started));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, step);
      ctx.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    if (ctx.signal.aborted) return;
    await ctx.progress(Math.min(ms, Date.now() - started), ms, 'waiting');
  }
}

@ToolGroup({
  name: 'wait',
  title: 'Pauses',
  description: 'Wait a given time between checks (cancellable, with progress).',
  default: true,
  defaults: { annotations: annotations.local, timeoutMs: 310_000 },
})
export class WaitTools {
  constructor(@inject(tokens.config) private readonly config: UtilitiesConfig) {}

  @Tool({
    name: 'utilities_pause',
    title: 'Pause',
    description: 'Waits the given number of seconds (0–300), reporting progress each second; cancellable.',
    input: PauseInput,
  })
  async pause(input: Static<typeof PauseInput>, ctx: ToolContext) {
    const seconds = Math.min(input.seconds, this.config.maxSleepSeconds);
    await wait(seconds * 1000, ctx);
    return { paused_seconds: seconds, capped: seconds < input.seconds };
  }

  @Tool({
    name: 'utilities_sleep',
    title: 'Sleep',
    description: 'Waits `duration` in `unit` (ms, seconds, minutes, hours), at most 5 minutes; cancellable.',
    input: SleepInput,
  })
  async sleep(input: Static<typeof SleepInput>, ctx: ToolContext) {
    const requested = input.duration * UNIT_MS[input.unit];
    const ms = Math.min(requested, this.config.maxSleepSeconds * 1000);
    await wait(ms, ctx);
    return { slept_ms: ms, capped: ms < requested };
  }
}
