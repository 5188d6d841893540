// The one reading of time and duration arguments every plugin uses.
import t from 'tap';
import { formatDuration, niceStep, parseDuration, parseTime } from '@cnmcp/core';

const now = Date.parse('2026-11-27T15:42:10.500Z');

t.test('durations: Go/Prometheus forms and plain seconds', async (t) => {
  t.equal(parseDuration('1h30m'), 5_400_000);
  t.equal(parseDuration('500ms'), 500);
  t.equal(parseDuration('2d'), 172_800_000);
  t.equal(parseDuration('1w'), 604_800_000);
  t.equal(parseDuration('15'), 15_000);
  t.equal(parseDuration(1.5), 1_500);
  t.throws(() => parseDuration('1 hour', { name: 'step' }), /step: cannot read "1 hour" as a duration/);
  t.throws(
    () => parseDuration('1'.repeat(1_000_000), { name: 'step' }),
    /step: cannot read/,
    'long input is refused, not scanned',
  );
  t.equal(formatDuration(5_400_000), '1h30m');
  t.equal(formatDuration(250), '250ms');
  t.equal(niceStep(3_600_000, 250), 15_000);
});

t.test('times: absolute forms', async (t) => {
  t.equal(parseTime('2026-01-02T15:04:05Z'), Date.parse('2026-01-02T15:04:05Z'));
  t.equal(parseTime(1767366245), 1767366245_000, 'unix seconds');
  t.equal(parseTime('1767366245123'), 1767366245123, 'unix milliseconds');
});

t.test('times: relative forms and date math', async (t) => {
  t.equal(parseTime('now', { now }), now);
  t.equal(parseTime('now-1h', { now }), now - 3_600_000);
  t.equal(parseTime('now-1h-30m', { now }), now - 5_400_000);
  t.equal(parseTime('-15m', { now }), now - 900_000);
  t.equal(parseTime('30m', { now }), now - 1_800_000, 'a bare duration is in the past');
  t.equal(parseTime('30m', { now, direction: 'future' }), now + 1_800_000);
  t.equal(parseTime('now/d', { now }), Date.parse('2026-11-27T00:00:00Z'));
  t.equal(parseTime('now-7d/d', { now }), Date.parse('2026-11-20T00:00:00Z'));
  t.equal(parseTime('now/d', { now, roundUp: true }), Date.parse('2026-11-27T23:59:59.999Z'));
  t.equal(parseTime('now/w', { now }), Date.parse('2026-11-23T00:00:00Z'), 'weeks start on Monday');
  t.equal(parseTime('now-1M/M', { now }), Date.parse('2026-10-01T00:00:00Z'));
  t.throws(() => parseTime('yesterday', { name: 'start' }), /start: cannot read "yesterday" as a time/);
  t.throws(() => parseTime(-5, { name: 'start' }), /CNMCP_ERR_TOOL_INPUT_INVALID|cannot read/);
});
