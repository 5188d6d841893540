// The six utilities tools through a real MCP client.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '../src/index.js';

const h = await startTestServer({ plugins: [UtilitiesPlugin], config: { utilities: { maxSleepSeconds: 2 } } });
t.teardown(() => h.close());

t.test('every tool is listed with read-only annotations', async (t) => {
  const { tools } = await h.client.listTools();
  t.same(
    tools.map((x) => x.name),
    [
      'utilities_get_date',
      'utilities_get_time',
      'utilities_get_timestamp',
      'utilities_pause',
      'utilities_sleep',
      'utilities_web_fetch',
    ],
  );
  for (const tool of tools) t.equal(tool.annotations?.readOnlyHint, true, `${tool.name} is read-only`);
  t.equal(tools.find((x) => x.name === 'utilities_web_fetch')!.annotations?.openWorldHint, true);
});

t.test('utilities_get_date returns today with its parts', async (t) => {
  const now = new Date();
  const d = await h.callJson<Record<string, unknown>>('utilities_get_date', {});
  t.equal(d.date, now.toISOString().slice(0, 10));
  t.equal(d.year, now.getUTCFullYear());
  t.equal(d.month, now.getUTCMonth() + 1);
  t.equal(d.timezone, 'UTC');
  t.notOk('time' in d);
  const withTime = await h.callJson<Record<string, string>>('utilities_get_date', {
    include_time: true,
    format: '02/01/2006',
    timezone: 'Asia/Tokyo',
  });
  t.match(withTime.date, /^\d{2}\/\d{2}\/\d{4}$/);
  t.match(withTime.iso, /\+09:00$/);
});

t.test('utilities_get_time understands Go layouts and names', async (t) => {
  const rfc = await h.callJson<{ time: string; unix: number }>('utilities_get_time', {});
  t.match(rfc.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  t.ok(Math.abs(Date.parse(rfc.time) / 1000 - rfc.unix) <= 1);
  t.match(
    (await h.callJson<{ time: string }>('utilities_get_time', { format: 'Kitchen' })).time,
    /^\d{1,2}:\d{2}(AM|PM)$/,
  );
  t.match(
    (
      await h.callJson<{ time: string }>('utilities_get_time', {
        format: 'Mon, 02 Jan 2006 15:04:05 MST',
        timezone: 'America/New_York',
      })
    ).time,
    /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} E[SD]T$/,
  );
  const bad = await h.call('utilities_get_time', { timezone: 'Mars/Olympus' });
  t.match(bad.text, /^UTILITIES_ERR_FORMAT_INVALID: unknown time zone "Mars\/Olympus"/);
  const noLayout = await h.call('utilities_get_time', { format: 'hello' });
  t.match(noLayout.text, /^UTILITIES_ERR_FORMAT_INVALID: format "hello" has no Go layout element/);
});

t.test('utilities_get_timestamp in each unit', async (t) => {
  const s = await h.callJson<{ timestamp: number }>('utilities_get_timestamp', {});
  t.ok(Math.abs(s.timestamp - Date.now() / 1000) < 5);
  const ms = await h.callJson<{ timestamp: number; unit: string }>('utilities_get_timestamp', { unit: 'ms' });
  t.equal(ms.unit, 'milliseconds');
  t.ok(Math.abs(ms.timestamp - Date.now()) < 5_000);
  const ns = await h.callJson<{ timestamp: string }>('utilities_get_timestamp', { unit: 'nanoseconds' });
  t.match(ns.timestamp, /^\d{19}$/);
  t.equal(
    (await h.callJson<{ timestamp: number }>('utilities_get_timestamp', { unit: 'days' })).timestamp,
    Math.floor(Date.now() / 86_400_000),
  );
  const frac = await h.callJson<{ timestamp: number }>('utilities_get_timestamp', {
    unit: 'seconds',
    include_millis: true,
  });
  t.ok(!Number.isInteger(frac.timestamp) || frac.timestamp % 1 === 0);
  t.match(
    (await h.call('utilities_get_timestamp', { unit: 'fortnights' })).text,
    /^CNMCP_ERR_TOOL_INPUT_INVALID: .*unit/,
  );
});

t.test('utilities_pause and utilities_sleep wait, capped by config', async (t) => {
  const started = Date.now();
  t.same(await h.callJson('utilities_sleep', { duration: 120, unit: 'ms' }), { slept_ms: 120, capped: false });
  t.ok(Date.now() - started >= 110);
  t.same(await h.callJson('utilities_pause', { seconds: 0 }), { paused_seconds: 0, capped: false });
  const capped = await h.callJson<{ slept_ms: number; capped: boolean }>('utilities_sleep', {
    duration: 1,
    unit: 'hours',
  });
  t.same(capped, { slept_ms: 2000, capped: true }, 'utilities.maxSleepSeconds caps the wait');
  t.match((await h.call('utilities_sleep', { duration: -1 })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
});

t.test('a pause is cancelled when the client cancels', async (t) => {
  const controller = new AbortController();
  const started = Date.now();
  const call = h.client.callTool({ name: 'utilities_pause', arguments: { seconds: 2 } }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await t.rejects(call);
  t.ok(Date.now() - started < 1_500);
});
