// Silences through a real MCP client against a real Alertmanager: what the tools create, change and expire is
// checked through Alertmanager's own API.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { AlertmanagerPlugin } from '../src/index.js';
import { alertmanagerBackend } from './helpers/backends.js';

interface AmSilence {
  id: string;
  status: { state: string };
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>;
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy: string;
}

const backend = await alertmanagerBackend();
if ('skip' in backend) {
  t.plan(0, backend.skip);
} else {
  t.teardown(() => backend.stop());
  const fixture = !backend.live;
  const mcp = await startTestServer({
    plugins: [AlertmanagerPlugin],
    // Destructive tools (delete/expire) ask the user first; this test client cannot be asked, so allow them.
    config: { confirmDestructive: { fallback: 'allow' }, alertmanager: { targets: { main: { url: backend.url } } } },
  });
  t.teardown(() => mcp.close());
  const amSilence = async (id: string) =>
    (await (await fetch(`${backend.url}/api/v2/silence/${id}`)).json()) as AmSilence;
  const amAlerts = async (filter: string) =>
    (await (await fetch(`${backend.url}/api/v2/alerts?filter=${encodeURIComponent(filter)}`)).json()) as Array<{
      status: { state: string; silencedBy: string[] };
    }>;
  // In live mode the silences match an alert name no one uses, and every one is expired at the end.
  const tag = fixture ? 'DiskFull' : `cnmcp-test-${process.pid}`;
  const created: string[] = [];
  t.teardown(async () => {
    if (!backend.live) return;
    for (const id of created)
      await fetch(`${backend.url}/api/v2/silence/${id}`, { method: 'DELETE' }).catch(() => undefined);
  });

  let silenceId = '';
  t.test('create_silence from a matcher string; Alertmanager holds it and suppresses the alerts', async (t) => {
    const out = await mcp.callJson<{
      silenceID: string;
      matchers: string;
      startsAt: string;
      endsAt: string;
      matching_alerts: number;
    }>('alertmanager_create_silence', {
      matchers: `alertname="${tag}",instance=~"db.*"`,
      endsAt: '2h',
      comment: 'disk cleanup in progress',
      createdBy: 'cnmcp-test',
    });
    silenceId = out.silenceID;
    created.push(silenceId);
    t.match(silenceId, /^[0-9a-f-]{36}$/);
    t.equal(out.matchers, `alertname="${tag}",instance=~"db.*"`);
    const hours = (Date.parse(out.endsAt) - Date.parse(out.startsAt)) / 3_600_000;
    t.ok(Math.abs(hours - 2) < 0.01, 'endsAt=2h is two hours after the start');
    const held = await amSilence(silenceId);
    t.equal(held.status.state, 'active');
    t.same(
      held.matchers.map((m) => [m.name, m.value, m.isRegex, m.isEqual]),
      [
        ['alertname', tag, false, true],
        ['instance', 'db.*', true, true],
      ],
    );
    t.equal(held.comment, 'disk cleanup in progress');
    t.equal(held.createdBy, 'cnmcp-test');
    if (fixture) {
      t.equal(out.matching_alerts, 2);
      // Alertmanager marks alerts suppressed on its next evaluation of silences.
      let states: string[] = [];
      for (let i = 0; i < 50; i++) {
        states = (await amAlerts(`alertname="${tag}"`)).map((a) => a.status.state);
        if (states.every((s) => s === 'suppressed')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      t.same(states, ['suppressed', 'suppressed']);
    }
  });

  t.test('the reference shape: matcher objects, RFC3339 times, camelCase and snake_case keys', async (t) => {
    const start = new Date(Date.now() + 60_000).toISOString();
    const end = new Date(Date.now() + 3_600_000).toISOString();
    const out = await mcp.callJson<{ silenceID: string }>('alertmanager_create_silence', {
      matchers: [
        { name: 'alertname', value: tag, isRegex: false, isEqual: true },
        { name: 'severity', value: 'info', isRegex: false, isEqual: false },
      ],
      starts_at: start,
      ends_at: end,
      comment: 'maintenance window',
      created_by: 'cnmcp-test',
    });
    created.push(out.silenceID);
    const held = await amSilence(out.silenceID);
    t.equal(held.status.state, 'pending', 'starts in the future');
    t.equal(Date.parse(held.startsAt), Date.parse(start));
    t.equal(Date.parse(held.endsAt), Date.parse(end));
    t.same(
      held.matchers.map((m) => [m.name, m.isEqual]),
      [
        ['alertname', true],
        ['severity', false],
      ],
    );
  });

  t.test('get, list, summarise and page silences', async (t) => {
    const one = await mcp.callJson<AmSilence>('alertmanager_get_silence', { silenceId });
    t.equal(one.id, silenceId);
    const all = await mcp.callJson<{ total: number; silences: AmSilence[] }>('alertmanager_get_silences', {
      filter: `alertname="${tag}"`,
    });
    t.ok(all.silences.some((s) => s.id === silenceId));
    const summary = await mcp.callJson<{
      by_state: Record<string, number>;
      silences: Array<{ id: string; matchers: string; state: string }>;
    }>('alertmanager_silences_summary', { status: 'active' });
    const mine = summary.silences.find((s) => s.id === silenceId)!;
    t.equal(mine.matchers, `alertname="${tag}",instance=~"db.*"`);
    t.equal(mine.state, 'active');
    if (fixture) t.same(summary.by_state, { active: 1, pending: 1 });
    const paged = await mcp.callJson<{ total: number; silences: Array<{ id: string }> }>(
      'alertmanager_silences_paginated',
      { created_by: 'CNMCP-TEST', comment_filter: 'maintenance', page: 1, per_page: 10 },
    );
    t.equal(paged.total, 1);
    t.notSame(paged.silences[0].id, silenceId);
  });

  t.test('update_silence: a new end keeps the ID; new matchers make Alertmanager replace it', async (t) => {
    const extended = await mcp.callJson<{
      silenceID: string;
      replaced: boolean;
      silence: { endsAt: string; comment: string };
    }>('alertmanager_update_silence', {
      silenceId,
      endsAt: 'now+4h',
      comment: 'cleanup takes longer',
    });
    t.equal(extended.silenceID, silenceId);
    t.equal(extended.replaced, false);
    const held = await amSilence(silenceId);
    t.ok(Math.abs(Date.parse(held.endsAt) - (Date.now() + 4 * 3_600_000)) < 60_000, 'Alertmanager holds the new end');
    t.equal(held.comment, 'cleanup takes longer');

    const rematched = await mcp.callJson<{ silenceID: string; previous_id: string; replaced: boolean; note: string }>(
      'alertmanager_update_silence',
      {
        silenceId,
        matchers: `alertname="${tag}",instance="db1"`,
      },
    );
    created.push(rematched.silenceID);
    t.equal(rematched.previous_id, silenceId);
    t.equal(rematched.replaced, true);
    t.match(rematched.note, /expired .* and created/);
    t.equal((await amSilence(silenceId)).status.state, 'expired');
    const replacement = await amSilence(rematched.silenceID);
    t.same(
      replacement.matchers.map((m) => m.value),
      [tag, 'db1'],
    );
    t.equal(replacement.comment, 'cleanup takes longer', 'unchanged fields are kept');
    silenceId = rematched.silenceID;

    const expired = await mcp.call('alertmanager_update_silence', { silenceId: rematched.previous_id, endsAt: '1h' });
    t.ok(expired.isError);
    t.match(expired.text, /^ALERTMANAGER_ERR_SILENCE_EXPIRED: silence \S+ expired at .*\nHint: Create a new silence/);
  });

  t.test('expire_silence and delete_silence end silences, as Alertmanager shows', async (t) => {
    const out = await mcp.callJson<{ silenceID: string; expired: boolean }>('alertmanager_expire_silence', {
      silenceId,
    });
    t.same(out, { ...out, silenceID: silenceId, expired: true });
    t.equal((await amSilence(silenceId)).status.state, 'expired');
    if (fixture) {
      let states: string[] = [];
      for (let i = 0; i < 50; i++) {
        states = (await amAlerts(`alertname="${tag}"`)).map((a) => a.status.state);
        if (states.every((s) => s === 'active')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      t.same(states, ['active', 'active'], 'the alerts are active again');
    }
    const again = await mcp.callJson<{ already_expired: boolean }>('alertmanager_expire_silence', {
      silence_id: silenceId,
    });
    t.equal(again.already_expired, true);

    const pending = created[1];
    const deleted = await mcp.callJson<{ expired: boolean }>('alertmanager_delete_silence', { silenceId: pending });
    t.equal(deleted.expired, true);
    t.equal((await amSilence(pending)).status.state, 'expired');
  });

  t.test('bad silence input is a clear error naming the parameter', async (t) => {
    const base = { comment: 'x', createdBy: 'cnmcp-test', endsAt: '1h' };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { matchers: 'alertname~"X"' },
        /^ALERTMANAGER_ERR_MATCHER_INVALID: matchers: cannot read "alertname~\\"X\\"": expected an operator/,
      ],
      [{ matchers: 'alertname="X' }, /^ALERTMANAGER_ERR_MATCHER_INVALID: matchers: .*has no closing "/],
      [{ matchers: [{ name: 'alertname' }] }, /CNMCP_ERR_TOOL_INPUT_INVALID|ALERTMANAGER_ERR_MATCHER_INVALID/],
      [
        { matchers: `alertname="${tag}"`, endsAt: 'later' },
        /^CNMCP_ERR_TOOL_INPUT_INVALID: endsAt: cannot read "later" as a time\nHint: Give endsAt as RFC 3339/,
      ],
      [
        { matchers: `alertname="${tag}"`, startsAt: 'now+2h', endsAt: 'now+1h' },
        /^ALERTMANAGER_ERR_RANGE_INVALID: endsAt \(.*\) must be after startsAt/,
      ],
      [
        { matchers: `alertname="${tag}"`, startsAt: '2020-01-01T00:00:00Z', endsAt: '2020-01-02T00:00:00Z' },
        /^ALERTMANAGER_ERR_RANGE_INVALID: endsAt \(2020-01-02T00:00:00.000Z\) is in the past/,
      ],
      [
        { matchers: 'alertname=~""' },
        /^CNMCP_ERR_BACKEND_BAD_REQUEST: alertmanager target 'main' .* answered HTTP 400: .*/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const r = await mcp.call('alertmanager_create_silence', { ...base, ...args });
      t.ok(r.isError, JSON.stringify(args));
      t.match(r.text, pattern);
      t.match(r.text, /\nHint: /);
    }
    const missing = await mcp.call('alertmanager_create_silence', { matchers: 'a="b"', endsAt: '1h' });
    t.match(missing.text, /^CNMCP_ERR_TOOL_INPUT_INVALID: .*comment/s);
    const unknown = await mcp.call('alertmanager_expire_silence', {
      silenceId: '00000000-0000-0000-0000-000000000000',
    });
    t.ok(unknown.isError);
    // An unknown ID names the silence (review: a bare "answered HTTP 404" did not say what was missing).
    t.match(
      unknown.text,
      /^ALERTMANAGER_ERR_SILENCE_NOT_FOUND: this Alertmanager has no silence 00000000-0000-0000-0000-000000000000\nHint: List the silences/,
    );
    for (const tool of ['alertmanager_get_silence', 'alertmanager_delete_silence', 'alertmanager_update_silence']) {
      const r = await mcp.call(tool, {
        silenceId: '00000000-0000-0000-0000-000000000000',
        ...(tool === 'alertmanager_update_silence' ? { endsAt: '1h' } : {}),
      });
      t.match(r.text, /^ALERTMANAGER_ERR_SILENCE_NOT_FOUND: /, tool);
    }
  });
}
