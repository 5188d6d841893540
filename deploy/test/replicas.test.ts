// Several replicas, one service: three `cnmcp serve` processes behind a real nginx (round-robin, no affinity)
// sharing one real redis-server. 2026-07-28 calls spread freely; a 2025-11-25 session keeps working whichever
// replica a request lands on (its server requests and GET-stream messages routed through Redis); the rate
// limit, the cache and the confirmation state are shared; a replica killed mid-load loses no acknowledged call.
import t from 'tap';
import { requireBinary } from '@cnmcp/core/testing';
import { callTool, connectClient, json, rawModernCall, type McpClient } from './lib/clients.js';
import { REPLICA_PLUGIN, startCluster, waitForSessionStream, type Cluster } from './lib/cluster.js';

const redisServer = requireBinary('redis-server', 'apt-get install -y redis-server');
const nginx = requireBinary('nginx', 'apt-get install -y nginx');
const skip = redisServer.skip ?? nginx.skip;

let cluster: Cluster;
const clients: McpClient[] = [];

t.before(async () => {
  if (skip) return;
  cluster = await startCluster({
    redisServer: redisServer.path!,
    nginx: nginx.path!,
    replicas: 3,
    config: (redisUrl) => `autoDiscover: false
plugins: [${JSON.stringify(REPLICA_PLUGIN)}]
server:
  legacySse: false
rateLimit:
  enabled: true
  max: 100000
  redisUrl: ${redisUrl}
  tools:
    replica_ping: { max: 10, windowMs: 60000 }
cache:
  redisUrl: ${redisUrl}
`,
  });
});

t.teardown(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await cluster?.close();
});

async function client(url: string, era: '2025-11-25' | '2026-07-28', elicitation = false): Promise<McpClient> {
  const c = await connectClient(url, era, { elicitation });
  clients.push(c);
  return c;
}

/** A 2025-11-25 session whose GET stream is open (server requests without a related call travel on it). */
async function session(elicitation = false): Promise<McpClient> {
  const c = await client(cluster.url, '2025-11-25', elicitation);
  const sessionId = (c as unknown as { transport?: { sessionId?: string } }).transport?.sessionId;
  if (!sessionId) throw new Error('the client has no session id');
  await waitForSessionStream(cluster.redisUrl, sessionId);
  return c;
}

t.test('2026-07-28: 100 stateless calls through the balancer spread over every replica', { skip }, async (t) => {
  const c = await client(cluster.url, '2026-07-28');
  const seen: string[] = [];
  const failures: string[] = [];
  for (let i = 0; i < 100; i++) {
    const answer = await callTool(c, 'replica_get_name');
    if (answer.isError) failures.push(answer.text);
    else seen.push(json(answer).replica);
  }
  t.same(failures, [], 'all 100 calls succeeded');
  t.same([...new Set(seen)].sort(), ['r1', 'r2', 'r3'], 'every replica served some calls');
});

t.test('2025-11-25: one session completes 100 calls whichever replica each lands on', { skip }, async (t) => {
  const c = await client(cluster.url, '2025-11-25');
  const seen = new Set<string>();
  const failures: string[] = [];
  for (let i = 0; i < 100; i++) {
    try {
      const answer = await callTool(c, 'replica_get_name');
      if (answer.isError) failures.push(answer.text);
      else seen.add(json(answer).replica);
    } catch (err) {
      failures.push((err as Error).message);
    }
  }
  t.same(failures, [], 'no call failed (no "Session not found" for a live session)');
  t.same([...seen].sort(), ['r1', 'r2', 'r3'], 'the session was served by every replica');
});

t.test('2025-11-25: a confirmation asked by one replica is answered through another', { skip }, async (t) => {
  const c = await session(true);
  let asked = 0;
  c.setRequestHandler('elicitation/create', async () => {
    asked++;
    return { action: 'accept', content: { confirm: true } };
  });
  const ran = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const answer = await callTool(c, 'replica_delete_item', { item: `item-${i}` });
    t.match(answer.text, new RegExp(`^deleted item-${i} on r[123]$`), `call ${i + 1} ran after the user said yes`);
    ran.add(answer.text.slice(-2));
  }
  t.equal(asked, 6, 'the user was asked once per call');
  t.ok(ran.size > 1, 'the confirmed calls ran on several replicas');
});

t.test('2025-11-25: list_changed from any replica reaches the session stream', { skip }, async (t) => {
  const c = await session();
  let changes = 0;
  c.setNotificationHandler('notifications/tools/list_changed', () => {
    changes++;
  });
  const where = new Set<string>();
  for (let i = 0; i < 6; i++) where.add(json(await callTool(c, 'replica_toggle_extra')).replica);
  const deadline = Date.now() + 10_000;
  while (changes < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  t.ok(where.size > 1, `the changes happened on several replicas (${[...where].join(', ')})`);
  t.equal(changes, 6, 'every tool-list change reached the client');
});

t.test('the rate limit is shared: the 11th call is refused whichever replica gets it', { skip }, async (t) => {
  const direct = await Promise.all(cluster.replicas.map((r) => client(r.url, '2026-07-28')));
  const answers = [];
  for (let i = 0; i < 11; i++) answers.push(await callTool(direct[i % 3], 'replica_ping'));
  t.same(
    answers.slice(0, 10).map((a) => a.isError),
    Array(10).fill(false),
    '10 calls spread over three replicas pass',
  );
  t.equal(answers[10].isError, true);
  t.match(answers[10].text, /^CNMCP_ERR_RATE_LIMITED/, 'the 11th is refused');
});

t.test('the cache is shared: a miss on one replica, a hit on the others', { skip }, async (t) => {
  const [a, b, c] = await Promise.all(cluster.replicas.map((r) => client(r.url, '2026-07-28')));
  t.equal(json(await callTool(a, 'replica_get_answer', { key: 'k1' })).computedBy, 'r1', 'computed on r1');
  t.equal(json(await callTool(b, 'replica_get_answer', { key: 'k1' })).computedBy, 'r1', 'r2 answers from the cache');
  t.equal(json(await callTool(c, 'replica_get_answer', { key: 'k1' })).computedBy, 'r1', 'so does r3');
  const hits = cluster.audit().filter((r) => r.tool === 'replica_get_answer' && r.cacheHit === true);
  t.equal(hits.length, 2, 'the audit records two cache hits');
});

t.test('2026-07-28: a confirmation retry may land on another replica', { skip }, async (t) => {
  const [r1, r2] = cluster.replicas;
  const first = await rawModernCall(r1.url, 'replica_delete_item', { item: 'shared' });
  t.equal(first.result?.resultType, 'input_required', 'r1 asks for confirmation');
  const yes = await rawModernCall(
    r2.url,
    'replica_delete_item',
    { item: 'shared' },
    {
      requestState: first.result?.requestState,
      inputResponses: { cnmcp_confirm: { action: 'accept', content: { confirm: true } } },
    },
  );
  t.equal(yes.result?.content?.[0]?.text, 'deleted shared on r2', "r2 accepts r1's sealed state");
});

t.test('one replica killed mid-load: no acknowledged call is lost', { skip }, async (t) => {
  const modern = await client(cluster.url, '2026-07-28');
  const session = await client(cluster.url, '2025-11-25');
  const victim = cluster.replicas[2];
  const acknowledged: string[] = [];
  let failed = 0;
  const calls = Array.from({ length: 30 }, (_, i) =>
    callTool(modern, 'replica_echo_slowly', { id: `load-${i}`, ms: 400 }, 15_000).then(
      (a) => (a.isError ? failed++ : acknowledged.push(json(a).id)),
      () => failed++,
    ),
  );
  await new Promise((r) => setTimeout(r, 150));
  victim.process.child.kill('SIGKILL');
  await Promise.all(calls);
  t.equal(acknowledged.length + failed, 30, 'every in-flight call ended: acknowledged or failed cleanly');
  t.ok(acknowledged.length > 0, `${acknowledged.length} acknowledged, ${failed} failed`);
  const after = [];
  for (let i = 0; i < 20; i++) after.push(await callTool(modern, 'replica_get_name'));
  t.same(
    after.filter((a) => a.isError || !['r1', 'r2'].includes(json(a).replica)),
    [],
    '2026: the next calls succeed on the remaining replicas',
  );
  const sessionAfter = [];
  for (let i = 0; i < 20; i++) sessionAfter.push(await callTool(session, 'replica_get_name'));
  t.same(
    sessionAfter.filter((a) => a.isError),
    [],
    '2025: the session goes on on the remaining replicas',
  );
  const audited = new Set(
    cluster
      .audit()
      .filter((r) => r.tool === 'replica_echo_slowly' && r.outcome === 'ok')
      .map((r) => r.arguments?.id),
  );
  t.same(
    acknowledged.filter((id) => !audited.has(id)),
    [],
    'every acknowledged call is in the audit',
  );
});
