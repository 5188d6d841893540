// Decoding, listing and diffing checked against release records real helm wrote into the emulator, and
// against what real helm itself reports about them.
import t from 'tap';
import {
  decodeReleasePayload,
  historyEntry,
  latestPerRelease,
  listEntry,
  toRecord,
  coalesceValues,
} from '../../dist/src/release.js';
import { compareReleases } from '../../dist/src/diff.js';
import { parseManifest } from '../../dist/src/manifest.js';
import { maskManifest, maskValues } from '../../dist/src/mask.js';
import { helmBinary } from '../helpers/helm-binary.js';
import { NO_OPENAPI, startCluster } from '../helpers/cluster.js';

const bin = helmBinary();

t.test('release records written by real helm', { skip: bin.skip }, async (t) => {
  const c = await startCluster(bin.path!);
  t.teardown(() => c.close());
  const chart = await c.makeChart('demo', '0.1.0');
  await c.helmCmd([
    'install',
    'web',
    chart,
    '-n',
    'default',
    NO_OPENAPI,
    '--set',
    'replicaCount=2',
    '--set',
    'password=hunter2-secret',
  ]);
  await c.helmCmd(['upgrade', 'web', chart, '-n', 'default', NO_OPENAPI, '--reuse-values', '--set', 'replicaCount=3']);
  await c.helmCmd(['install', 'cfg', chart, '-n', 'shop', NO_OPENAPI], { driver: 'configmap' });

  const secrets = c.emu
    .list('v1', 'Secret', 'default')
    .map((s) => toRecord(s, 'secret'))
    .filter(Boolean);
  t.same(secrets.map((r) => r!.revision).sort(), [1, 2], 'one Secret per revision');
  const maps = c.emu
    .list('v1', 'ConfigMap', 'shop')
    .map((s) => toRecord(s, 'configmap'))
    .filter(Boolean);
  t.equal(maps.length, 1, 'the configmap driver record is found');

  const history = secrets.map((r) => decodeReleasePayload(r!.payload)).sort((a, b) => a.version - b.version);
  const helmHistory = await c.helmJson(['history', 'web', '-n', 'default']);
  t.same(
    history.map(historyEntry).map(({ updated: _u, ...rest }) => rest),
    helmHistory.map(({ updated: _u, ...rest }: any) => rest),
    'history entries equal helm history -o json',
  );
  const values = await c.helmJson(['get', 'values', 'web', '-n', 'default']);
  t.same(history[1].config, values, 'user values equal helm get values -o json');
  const all = await c.helmJson(['get', 'values', 'web', '-n', 'default', '--all']);
  t.same(
    coalesceValues(history[1].chart?.values, history[1].config),
    all,
    'computed values equal helm get values --all',
  );

  const fromMap = decodeReleasePayload(maps[0]!.payload);
  t.equal(fromMap.name, 'cfg');
  const latest = latestPerRelease([...secrets, ...maps] as any).map((r) => listEntry(decodeReleasePayload(r.payload)));
  const helmList = await c.helmJson(['list', '-A']);
  const listed = await c.helmJson(['list', '-A'], { driver: 'configmap' });
  t.same(
    latest.map(({ updated: _u, ...rest }) => ({ ...rest, revision: String(rest.revision) })),
    [...helmList, ...listed]
      .map(({ updated: _u, ...rest }: any) => rest)
      .sort((a: any, b: any) => a.namespace.localeCompare(b.namespace)),
    'latest revisions equal helm list -A -o json (both drivers)',
  );

  const manifest = parseManifest(history[1].manifest, 'default');
  const kinds = manifest.objects.map((o) => `${o.kind}/${o.name}`).sort();
  t.same(kinds, ['Deployment/web-demo', 'Secret/web-demo-auth', 'Service/web-demo', 'ServiceAccount/web-demo']);
  t.ok(manifest.objects.every((o) => o.namespace === 'default' && o.source?.startsWith('demo/templates/')));

  const diff = compareReleases(history[0], history[1]);
  t.same(diff.values, [{ path: 'replicaCount', change: 'changed', from: 2, to: 3 }], 'values diff');
  t.same(
    diff.manifest.map((m: any) => [m.object, m.change, m.fields.map((f: any) => f.path)]),
    [['Deployment.apps/default/web-demo', 'changed', ['spec.replicas']]],
    'manifest diff names the one changed field',
  );
  t.equal(diff.summary.objectsUnchanged, 3);

  const masked = maskValues(history[1].config) as any;
  t.match(masked.password, /^<redacted> \(\d+ bytes\)$/, 'password values are masked');
  t.equal(masked.replicaCount, 3);
  const text = maskManifest(history[1].manifest!);
  t.notMatch(text, Buffer.from('hunter2-secret').toString('base64'), 'Secret data is masked in the manifest');
  t.match(text, /kind: Deployment/);
});

t.test('payload without gzip and foreign objects', async (t) => {
  const plain = Buffer.from(JSON.stringify({ name: 'x', version: 1, info: { status: 'deployed' } })).toString('base64');
  t.equal(decodeReleasePayload(plain).name, 'x');
  t.throws(() => decodeReleasePayload(Buffer.from('[1]').toString('base64')));
  t.equal(toRecord({ metadata: { labels: { owner: 'someone' } }, data: {} }, 'secret'), undefined);
  t.equal(
    toRecord(
      { type: 'Opaque', metadata: { labels: { owner: 'helm', name: 'x' } }, data: { release: 'eA==' } },
      'secret',
    ),
    undefined,
    'a Secret of another type is not a release',
  );
});
