import { Service, Tool, inject, tokens, type Static, type ToolContext, type PluginLifecycle } from '@cnmcp/core';
import { UtilitiesConfigSchema, type UtilitiesConfig } from './config.js';
import { UtilitiesErrors } from './errors.js';
import { GetDateInput, GetTimeInput, GetTimestampInput, PauseInput, SleepInput, WebFetchInput } from './schemas.js';
import { formatGo, resolveLayout, zonedParts } from './time.js';
import { GuardedFetcher } from './web-fetch.js';

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
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

@Service({
  name: 'utilities',
  title: 'Utilities',
  description: 'Date and time, timestamps, pauses, and a guarded web fetch.',
  core: '^0.1.0',
  config: UtilitiesConfigSchema,
})
export class UtilitiesPlugin implements PluginLifecycle {
  private readonly fetcher: GuardedFetcher;

  constructor(@inject(tokens.config) private readonly config: UtilitiesConfig) {
    this.fetcher = new GuardedFetcher(config.webFetch);
  }

  @Tool({
    name: 'utilities_get_date',
    title: 'Current date',
    description:
      'Current date with its parts (year, month, day, weekday, day of year), optionally the time, in a time zone (default UTC).',
    input: GetDateInput,
    annotations: READ_ONLY,
  })
  getDate(input: Static<typeof GetDateInput>) {
    const now = new Date();
    const zone = input.timezone ?? 'UTC';
    const p = zonedParts(now, zone);
    return {
      date: formatGo(now, resolveLayout(input.format, 'DateOnly'), zone),
      year: p.year,
      month: p.month,
      day: p.day,
      weekday: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][p.weekday],
      day_of_year: p.dayOfYear,
      timezone: zone,
      ...(input.include_time
        ? { time: formatGo(now, '15:04:05', zone), iso: formatGo(now, resolveLayout('RFC3339', 'RFC3339'), zone) }
        : {}),
    };
  }

  @Tool({
    name: 'utilities_get_time',
    title: 'Current time',
    description:
      'Current time formatted with a Go layout (e.g. 15:04:05, 2006-01-02 15:04:05) or a name (RFC3339, RFC1123, Kitchen); default RFC3339, UTC.',
    input: GetTimeInput,
    annotations: READ_ONLY,
  })
  getTime(input: Static<typeof GetTimeInput>) {
    const now = new Date();
    const zone = input.timezone ?? 'UTC';
    return {
      time: formatGo(now, resolveLayout(input.format, 'RFC3339'), zone),
      timezone: zone,
      unix: Math.floor(now.getTime() / 1000),
    };
  }

  @Tool({
    name: 'utilities_get_timestamp',
    title: 'Unix timestamp',
    description:
      'Current Unix timestamp in seconds (default), milliseconds, microseconds, nanoseconds, minutes, hours or days.',
    input: GetTimestampInput,
    annotations: READ_ONLY,
  })
  getTimestamp(input: Static<typeof GetTimestampInput>) {
    const ms = Date.now();
    const unit =
      ({ s: 'seconds', ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds' } as Record<string, string>)[
        input.unit
      ] ?? input.unit;
    const value: number | string =
      {
        seconds: input.include_millis ? ms / 1000 : Math.floor(ms / 1000),
        milliseconds: ms,
        microseconds: (BigInt(ms) * 1_000n).toString(),
        nanoseconds: (BigInt(ms) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n)).toString(),
        minutes: Math.floor(ms / 60_000),
        hours: Math.floor(ms / 3_600_000),
        days: Math.floor(ms / 86_400_000),
      }[unit] ?? Math.floor(ms / 1000);
    return { timestamp: value, unit, iso: new Date(ms).toISOString() };
  }

  @Tool({
    name: 'utilities_pause',
    title: 'Pause',
    description: 'Waits the given number of seconds (0–300), reporting progress each second; cancellable.',
    input: PauseInput,
    annotations: READ_ONLY,
    timeoutMs: 310_000,
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
    annotations: READ_ONLY,
    timeoutMs: 310_000,
  })
  async sleep(input: Static<typeof SleepInput>, ctx: ToolContext) {
    const requested = input.duration * UNIT_MS[input.unit];
    const ms = Math.min(requested, this.config.maxSleepSeconds * 1000);
    await wait(ms, ctx);
    return { slept_ms: ms, capped: ms < requested };
  }

  @Tool({
    name: 'utilities_web_fetch',
    title: 'Fetch a web page',
    description:
      'GETs a public http(s) URL and returns its text (HTML reduced to text), cut at max_chars. Loopback, private, link-local and metadata addresses are refused.',
    input: WebFetchInput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    timeoutMs: 125_000,
  })
  async webFetch(input: Static<typeof WebFetchInput>, ctx: ToolContext) {
    if (!this.config.webFetch.enabled) {
      throw UtilitiesErrors.create('UTILITIES_ERR_URL_FORBIDDEN', 'web fetch is turned off on this server', {
        hint: 'An operator can set utilities.webFetch.enabled: true.',
      });
    }
    const page = await this.fetcher.fetch(input.url, input.timeout * 1000, ctx.signal);
    const cut = page.text.length > input.max_chars;
    const body = cut ? page.text.slice(0, input.max_chars) : page.text;
    const header = `URL: ${page.url}\nStatus: ${page.status}\nContent-Type: ${page.contentType || 'unknown'}\n`;
    const note =
      cut || page.truncatedBytes
        ? `\n…[truncated: showed ${body.length} of ${page.truncatedBytes ? 'more than ' : ''}${page.text.length} characters; raise max_chars for more]`
        : '';
    return `${header}\n${body}${note}`;
  }

  async dispose(): Promise<void> {
    await this.fetcher.close();
  }
}
