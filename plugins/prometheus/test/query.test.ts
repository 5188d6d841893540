// prometheus_query and prometheus_query_range against a real Prometheus, through a real MCP client.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { PrometheusPlugin } from '../src/index.js';
import { GAUGES, MANY_SERIES, prometheusBackend } from './helpers/backends.js';

const backend = await prometheusBackend();
if ('skip' in backend) {
  t.plan(0, backend.skip);
} else {
  t.teardown(() => backend.stop());
  const fixture = !backend.live;
  const mcp = await startTestServer({
    plugins: [PrometheusPlugin],
    config: { prometheus: { targets: { main: { url: backend.url } }, limits: { maxSeries: 50, maxPoints: 2_000 } } },
  });
  t.teardown(() => mcp.close());

  t.test(
    'prometheus_query returns the gauge values the exporter serves',
    { skip: !fixture && 'live mode: fixture values unknown' },
    async (t) => {
      const out = await mcp.callJson<{
        resultType: string;
        result: Array<{ metric: Record<string, string>; value: [number, string] }>;
        series_total: number;
      }>('prometheus_query', { query: 'cnmcp_test_gauge' });
      t.equal(out.resultType, 'vector');
      t.equal(out.series_total, 2);
      const byKind = Object.fromEntries(out.result.map((s) => [s.metric.kind, Number(s.value[1])]));
      t.same(byKind, { alpha: GAUGES.alpha, beta: GAUGES.beta });
    },
  );

  t.test(
    'prometheus_query evaluates expressions, scalars and a given time (RFC3339, Unix seconds, relative)',
    async (t) => {
      const scalar = await mcp.callJson<{ resultType: string; result: [number, string] }>('prometheus_query', {
        query: '1+1',
      });
      t.equal(scalar.resultType, 'scalar');
      t.equal(scalar.result[1], '2');
      const nowS = Math.floor(Date.now() / 1000);
      for (const time of [new Date(nowS * 1000).toISOString(), nowS, String(nowS), 'now', 'now-1s', '1s']) {
        const r = await mcp.call('prometheus_query', { query: 'time()', time });
        t.notOk(r.isError, `time=${JSON.stringify(time)} accepted`);
        const value = Number(JSON.parse(r.text).result[1]);
        t.ok(Math.abs(value - nowS) < 30, `time=${JSON.stringify(time)} evaluated near now (${value})`);
      }
      if (fixture) {
        const sum = await mcp.callJson<{ result: Array<{ value: [number, string] }> }>('prometheus_query', {
          query: 'sum(cnmcp_test_gauge)',
        });
        t.equal(Number(sum.result[0].value[1]), GAUGES.alpha + GAUGES.beta);
      }
    },
  );

  t.test('prometheus_query caps series and says how many there were', { skip: !fixture && 'live mode' }, async (t) => {
    const out = await mcp.callJson<{
      series_total: number;
      series_shown: number;
      result: unknown[];
      truncated?: string;
    }>('prometheus_query', { query: 'cnmcp_test_many', limit: 10 });
    t.equal(out.series_total, MANY_SERIES);
    t.equal(out.series_shown, 10);
    t.equal(out.result.length, 10);
    t.match(out.truncated, /showing 10 of 150 series/);
    const capped = await mcp.callJson<{ series_shown: number }>('prometheus_query', {
      query: 'cnmcp_test_many',
      limit: 10_000,
    });
    t.equal(capped.series_shown, 50, 'limit is capped by prometheus.limits.maxSeries');
  });

  t.test('prometheus_query_range picks a step when none is given and returns real samples', async (t) => {
    const out = await mcp.callJson<{
      step: string;
      step_auto: boolean;
      resultType: string;
      result: Array<{ values: Array<[number, string]> }>;
      points: number;
    }>('prometheus_query_range', {
      query: fixture ? 'cnmcp_test_gauge{kind="alpha"}' : 'up',
      start: 'now-1h',
      end: 'now',
    });
    t.equal(out.step_auto, true);
    t.equal(out.step, '15s', '1h / 250 points → 15s');
    t.equal(out.resultType, 'matrix');
    if (fixture) {
      t.equal(out.result.length, 1);
      t.ok(out.result[0].values.length >= 1);
      t.ok(
        out.result[0].values.every(([, v]) => Number(v) === GAUGES.alpha),
        'every sample is the gauge value',
      );
    }
  });

  t.test('prometheus_query_range accepts reference spellings and an explicit step', async (t) => {
    const end = Math.floor(Date.now() / 1000);
    const out = await mcp.callJson<{ step: string; step_auto: boolean; start: string }>('prometheus_query_range', {
      params: { query: 'vector(1)', start: new Date((end - 60) * 1000).toISOString(), end: String(end), step: '30s' },
    });
    t.equal(out.step, '30s');
    t.equal(out.step_auto, false);
    t.equal(out.start, new Date((end - 60) * 1000).toISOString());
  });

  t.test('a long expression is sent as a POST form and still evaluates', async (t) => {
    const query = `vector(1)${' + 0'.repeat(1_500)}`;
    const out = await mcp.callJson<{ result: Array<{ value: [number, string] }> }>('prometheus_query', { query });
    t.equal(out.result[0].value[1], '1');
    const range = await mcp.callJson<{ result: Array<{ values: Array<[number, string]> }> }>('prometheus_query_range', {
      query,
      start: 'now-1m',
      end: 'now',
      step: '30s',
    });
    t.equal(range.result[0].values.length, 3);
  });

  t.test('the cost guard: too many points per series', async (t) => {
    const failed = await mcp.call('prometheus_query_range', {
      query: 'vector(1)',
      start: 'now-7d',
      end: 'now',
      step: '1s',
      adjust_step: false,
    });
    t.ok(failed.isError);
    t.match(
      failed.text,
      /^PROMETHEUS_ERR_QUERY_TOO_EXPENSIVE: step 1s over 7d gives 604801 points per series, more than 11000; use step=\S+ or coarser/,
    );
    t.match(failed.text, /Hint: /);
    const adjusted = await mcp.callJson<{ step: string; step_adjusted: Array<{ from: string; to: string }> }>(
      'prometheus_query_range',
      { query: 'vector(1)', start: 'now-7d', end: 'now', step: '1s' },
    );
    t.equal(adjusted.step_adjusted[0].from, '1s');
    t.equal(adjusted.step, adjusted.step_adjusted.at(-1)!.to);
  });

  t.test('the cost guard: series × points over the budget', async (t) => {
    // Three synthetic series (independent of stored data); limit 2 shows two: 2 × 3601 points > maxPoints 2000.
    const query = ['a', 'b', 'c'].map((s, i) => `label_replace(vector(${i + 1}), "s", "${s}", "", "")`).join(' or ');
    const failed = await mcp.call('prometheus_query_range', {
      query,
      start: 'now-1h',
      end: 'now',
      step: '1s',
      limit: 2,
      adjust_step: false,
    });
    t.ok(failed.isError);
    t.match(
      failed.text,
      /^PROMETHEUS_ERR_QUERY_TOO_EXPENSIVE: 2 series × up to 3601 points = 7202 points, over the budget of 2000 \(prometheus.limits.maxPoints\); use step=5s or coarser/,
    );
    t.match(failed.text, /Hint: Use a coarser step/);
    const adjusted = await mcp.callJson<{
      step: string;
      points: number;
      step_adjusted: Array<{ from: string; to: string }>;
      series_total: number;
      series_shown: number;
      truncated: string;
      result: Array<{ values: unknown[] }>;
    }>('prometheus_query_range', { query, start: 'now-1h', end: 'now', step: '1s', limit: 2 });
    t.same(
      adjusted.step_adjusted.map((a) => [a.from, a.to]),
      [['1s', '5s']],
    );
    t.equal(adjusted.step, '5s');
    t.equal(adjusted.points, 2 * 721);
    t.equal(adjusted.series_total, 3);
    t.equal(adjusted.series_shown, 2);
    t.equal(adjusted.result.length, 2);
    t.match(adjusted.truncated, /showing 2 of 3 series/);
  });

  t.test('time and range errors name the parameter and give an example', async (t) => {
    const bad = await mcp.call('prometheus_query_range', { query: 'up', start: 'yesterday', end: 'now' });
    t.ok(bad.isError);
    t.match(
      bad.text,
      /^CNMCP_ERR_TOOL_INPUT_INVALID: start: cannot read "yesterday" as a time\nHint: Give start as RFC 3339 \(2026-01-02T15:04:05Z\), Unix seconds/,
    );
    const step = await mcp.call('prometheus_query_range', { query: 'up', start: 'now-1h', end: 'now', step: 'often' });
    t.match(step.text, /^CNMCP_ERR_TOOL_INPUT_INVALID: step: cannot read "often" as a duration/);
    const reversed = await mcp.call('prometheus_query_range', { query: 'up', start: 'now', end: 'now-1h' });
    t.match(reversed.text, /^PROMETHEUS_ERR_RANGE_INVALID: end \(.*\) is before start/);
    const instant = await mcp.call('prometheus_query', { query: 'up', time: 'tomorrow-ish' });
    t.match(instant.text, /^CNMCP_ERR_TOOL_INPUT_INVALID: time: /);
    const missing = await mcp.call('prometheus_query_range', { query: 'up', start: 'now-1h' });
    t.ok(missing.isError);
    t.match(missing.text, /CNMCP_ERR_TOOL_INPUT_INVALID.*end/s);
  });

  t.test('invalid PromQL: Prometheus’s own error text reaches the agent', async (t) => {
    const r = await mcp.call('prometheus_query', { query: 'sum(rate(up[5m])' });
    t.ok(r.isError);
    t.match(r.text, /^PROMETHEUS_ERR_QUERY_INVALID: Prometheus rejected the query: .*parse error/);
    t.match(r.text, /Hint: /);
    const range = await mcp.call('prometheus_query_range', { query: 'up{', start: 'now-5m', end: 'now' });
    t.match(range.text, /^PROMETHEUS_ERR_QUERY_INVALID: .*parse error/);
  });
}
