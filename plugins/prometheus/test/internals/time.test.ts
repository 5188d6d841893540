// The time and duration forms every Prometheus tool relies on: the core's helpers, as the plugin calls them.
import t from 'tap';
import { formatDuration, niceStep, parseDuration, parseTime } from '@cnmcp/core';
import { timeArg } from '../../src/args.js';
import { toPromTime } from '../../src/client.js';

const now = Date.parse('2026-11-24T12:00:00Z');
const parseDurationMs = (value: string | number, name: string) => parseDuration(value, { name });
const parseTimeMs = (
  value: string | number,
  name: string,
  options: { now: number; direction?: 'past' | 'future'; base?: number },
) => (options.direction ? parseTime(value, { name, ...options }) : timeArg(value, name, options.now));

t.test('durations', async (t) => {
  t.equal(parseDurationMs('15s', 'step'), 15_000);
  t.equal(parseDurationMs('1h30m', 'step'), 5_400_000);
  t.equal(parseDurationMs('500ms', 'step'), 500);
  t.equal(parseDurationMs('2d', 'step'), 172_800_000);
  t.equal(parseDurationMs('1w', 'step'), 604_800_000);
  t.equal(parseDurationMs('15', 'step'), 15_000);
  t.equal(parseDurationMs(0.5, 'step'), 500);
  for (const bad of ['', 'often', '5 m', '1h-2m', 'm5']) {
    t.throws(() => parseDurationMs(bad, 'step'), {
      code: 'CNMCP_ERR_TOOL_INPUT_INVALID',
      message: new RegExp(`^step: cannot read ${JSON.stringify(JSON.stringify(bad)).slice(1, -1)}`),
    });
  }
});

t.test('times: RFC3339, Unix seconds, relative', async (t) => {
  t.equal(parseTimeMs('2026-11-24T11:00:00Z', 'start', { now }), now - 3_600_000);
  t.equal(parseTimeMs('2026-11-24T13:00:00+02:00', 'start', { now }), now - 3_600_000);
  t.equal(parseTimeMs(1795996800, 'start', { now }), 1795996800_000);
  t.equal(parseTimeMs('1795996800.5', 'start', { now }), 1795996800_500);
  t.equal(parseTimeMs(1795996800_000, 'start', { now }), 1795996800_000, 'milliseconds are recognised');
  t.equal(parseTimeMs('now', 'end', { now }), now);
  t.equal(parseTimeMs('NOW - 1h', 'start', { now }), now - 3_600_000);
  t.equal(parseTimeMs('now+30m', 'end', { now }), now + 1_800_000);
  t.equal(parseTimeMs('-5m', 'start', { now }), now - 300_000);
  t.equal(parseTimeMs('30m', 'start', { now }), now - 1_800_000, 'a bare duration is that long ago');
  t.equal(parseTimeMs('2h', 'endsAt', { now, direction: 'future', base: now + 60_000 }), now + 60_000 + 7_200_000);
  for (const bad of ['yesterday', 'now-', 'now-often', '', '24/11/2026', -5]) {
    t.throws(() => parseTimeMs(bad as string, 'start', { now }), { code: 'CNMCP_ERR_TOOL_INPUT_INVALID' });
  }
  try {
    parseTimeMs('soon', 'time', { now });
  } catch (err) {
    t.match(
      (err as { toText(): string }).toText(),
      /^CNMCP_ERR_TOOL_INPUT_INVALID: time: cannot read "soon" as a time\nHint: Give time as RFC 3339 \(2026-01-02T15:04:05Z\), Unix seconds \(1767366245\), or relative \(now, now-1h, now-7d\/d, 30m\)\.$/,
    );
  }
});

t.test('formatting and automatic steps', async (t) => {
  t.equal(toPromTime(1767366245_000), '1767366245');
  t.equal(toPromTime(1767366245_250), '1767366245.25');
  t.equal(formatDuration(90_000), '1m30s');
  t.equal(formatDuration(604_800_000), '7d');
  t.equal(formatDuration(250), '250ms');
  t.equal(niceStep(3_600_000, 250), 15_000, '1h at ~250 points → 15s');
  t.equal(niceStep(86_400_000, 250), 600_000, '1d → 10m');
  t.equal(niceStep(60_000, 250), 1_000, 'never below 1s');
  t.equal(niceStep(10 * 365 * 86_400_000, 100), 3 * 86_400_000 + 86_400_000 * 34, 'beyond the table: whole days');
});
