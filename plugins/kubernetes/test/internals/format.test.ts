// Units: masking, JSONPath, cursors, budget fitting, summaries.
import t from 'tap';
import {
  capString,
  decodeCursor,
  encodeCursor,
  fitCount,
  jsonPath,
  maskSecrets,
  podStatus,
  summarize,
  table,
} from '../../dist/src/format.js';
import { makePod } from '../../test/emulator/index.js';

t.test('maskSecrets', async (t) => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 's',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"a":"c2VjcmV0"}}' },
    },
    data: { a: 'c2VjcmV0' },
    stringData: { b: 'plain' },
  };
  const m = maskSecrets({ items: [secret] }, { showSecretValues: false }) as any;
  t.equal(m.items[0].data.a, '<redacted> (6 bytes)');
  t.equal(m.items[0].stringData.b, '<redacted> (5 bytes)');
  t.equal(m.items[0].metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], '<redacted>');
  t.equal(secret.data.a, 'c2VjcmV0', 'the input is not changed');
  const shown = maskSecrets(secret, { showSecretValues: true }) as any;
  t.equal(shown.data.a, 'c2VjcmV0');
  const sa = maskSecrets(
    { kind: 'Secret', type: 'kubernetes.io/service-account-token', data: { token: 'dG9r', namespace: 'bnM=' } },
    { showSecretValues: true },
  ) as any;
  t.match(sa.data.token, /^<redacted>/);
  t.equal(sa.data.namespace, 'bnM=');
  const cm = maskSecrets(
    { kind: 'ConfigMap', data: { password: 'not-a-secret-kind' } },
    { showSecretValues: false },
  ) as any;
  t.equal(cm.data.password, 'not-a-secret-kind', 'ConfigMap data is not a Secret');
  const env = maskSecrets(
    {
      spec: {
        containers: [
          {
            env: [
              { name: 'API_KEY', value: 'k' },
              { name: 'PORT', value: '80' },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'x', key: 'y' } } },
            ],
          },
        ],
      },
    },
    { showSecretValues: false },
  ) as any;
  t.match(env.spec.containers[0].env[0].value, /^<redacted>/);
  t.equal(env.spec.containers[0].env[1].value, '80');
  t.same(env.spec.containers[0].env[2].valueFrom.secretKeyRef, { name: 'x', key: 'y' });
});

t.test('jsonPath', async (t) => {
  const o = {
    metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
    spec: {
      containers: [
        { name: 'a', image: 'x' },
        { name: 'b', image: 'y' },
      ],
    },
    status: { phase: 'Running' },
  };
  t.equal(jsonPath(o, '{.status.phase}'), 'Running');
  t.equal(jsonPath(o, 'status.phase'), 'Running');
  t.equal(jsonPath(o, '.spec.containers[1].image'), 'y');
  t.same(jsonPath(o, '{.spec.containers[*].name}'), ['a', 'b']);
  t.same(jsonPath(o, '.spec.containers.name'), ['a', 'b']);
  t.equal(jsonPath(o, ".metadata.labels['app.kubernetes.io/name']"), 'web');
  t.equal(jsonPath(o, '.nope.deeper'), undefined);
  t.throws(() => jsonPath(o, '{..[?(@.x)]}'), /not understood/);
  // recursive descent, as kubectl reads it (found by review: {..image} answered null)
  t.same(jsonPath(o, '{..image}'), ['x', 'y']);
  t.same(jsonPath(o, '..name'), ['a', 'b']);
  t.same(jsonPath(o, '{.spec..image}'), ['x', 'y']);
  t.throws(() => jsonPath(o, '{.spec..}'), /ends in \.\./);
});

t.test('cursors and budget fitting', async (t) => {
  const c = encodeCursor({ t: 'api-token', o: 7 });
  t.same(decodeCursor(c), { t: 'api-token', o: 7 });
  t.same(decodeCursor('raw-api-continue'), { t: 'raw-api-continue', o: 0 }, 'a raw API continue token is accepted');
  t.same(decodeCursor(undefined), {});
  const items = Array.from({ length: 100 }, (_, i) => ({ i, pad: 'x'.repeat(90) }));
  const n = fitCount(items, 2_000, (x) => x);
  t.ok(n > 5 && n < 25);
  t.ok(JSON.stringify(items.slice(0, n)).length <= 2_000);
  t.equal(
    fitCount(items.slice(0, 1), 10, (x) => x),
    1,
    'at least one item is shown',
  );
  const tail = capString('a\nb\nc\n' + 'z'.repeat(100), 10, 'tail');
  t.equal(tail.text, 'z'.repeat(10));
  t.equal(tail.truncated, true);
});

t.test('summaries and tables', async (t) => {
  const crash = makePod({
    name: 'p',
    namespace: 'n',
    labels: {},
    node: 'n1',
    restarts: 3,
    waiting: { reason: 'CrashLoopBackOff' },
  });
  t.same(podStatus(crash), { status: 'CrashLoopBackOff', ready: '0/1', restarts: 3 });
  const pending = makePod({ name: 'q', namespace: 'n', labels: {}, phase: 'Pending' });
  t.equal(podStatus(pending).status, 'Pending (Unschedulable)');
  const s = summarize(crash, true);
  t.equal(s.node, 'n1');
  t.same(s.labels, {});
  const tbl = table([summarize(crash), summarize(pending)]);
  t.match(tbl.split('\n')[0], /^NAME\s+NAMESPACE\s+AGE\s+STATUS\s+READY\s+RESTARTS\s+NODE/);
  t.equal(tbl.split('\n').length, 3);
});
