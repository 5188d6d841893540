// Pure helpers: the per-call kubeconfig, paths kept inside a directory, label selectors, helm's stderr
// summary, chart search over repository indexes, value coalescing and masking.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { KubeConfig } from '@kubernetes/client-node';
import { inside, parseValues } from '../../dist/src/commands.js';
import { summariseStderr } from '../../dist/src/helm-cli.js';
import { singleContextKubeconfig } from '../../dist/src/kubeconfig-file.js';
import { maskValues } from '../../dist/src/mask.js';
import { labelMatcher } from '../../dist/src/reads.js';
import { coalesceValues } from '../../dist/src/release.js';
import { searchCharts } from '../../dist/src/repos.js';

t.test('the kubeconfig handed to helm holds one context', async (t) => {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      { name: 'c1', server: 'https://one:6443', caData: 'Q0E=', skipTLSVerify: false },
      { name: 'c2', server: 'https://two:6443', skipTLSVerify: false },
    ],
    users: [
      { name: 'u1', token: 'token-one' },
      { name: 'u2', authProvider: { name: 'tokenFile', config: { tokenFile: '/var/run/secrets/token' } } },
    ],
    contexts: [
      { name: 'one', cluster: 'c1', user: 'u1', namespace: 'ns1' },
      { name: 'two', cluster: 'c2', user: 'u2' },
    ],
    currentContext: 'one',
  });
  // The parts of the current context, as @cnmcp/kube-contexts hands them to a call.
  const parts = (k: KubeConfig) => {
    const context = k.getContextObject(k.getCurrentContext())!;
    return { name: context.name, context, cluster: k.getCurrentCluster(), user: k.getCurrentUser() };
  };
  const one = JSON.parse(singleContextKubeconfig(parts(kc)));
  const exported = JSON.parse(kc.exportConfig());
  t.same(
    one,
    { ...exported, clusters: [exported.clusters[0]], users: [exported.users[0]], contexts: [exported.contexts[0]] },
    'what KubeConfig.exportConfig writes, for the one context',
  );
  t.equal(one['current-context'], 'one');
  t.same(
    one.clusters.map((c: any) => c.name),
    ['c1'],
  );
  t.same(
    one.users.map((u: any) => [u.name, u.user.token]),
    [['u1', 'token-one']],
  );
  t.equal(one.contexts[0].context.namespace, 'ns1');
  kc.setCurrentContext('two');
  const two = JSON.parse(singleContextKubeconfig(parts(kc)));
  t.same(two.users[0].user.tokenFile, '/var/run/secrets/token', 'the in-cluster token file as client-go reads it');
  t.notOk(two.users[0].user['auth-provider']);
  t.notMatch(JSON.stringify(two), /token-one/, 'other users are left out');
});

t.test('paths stay inside their directory', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'cnmcp-helm-inside-'));
  mkdirSync(join(base, 'sub'));
  writeFileSync(join(base, 'sub', 'v.yaml'), 'a: 1\n');
  symlinkSync('/etc', join(base, 'escape'));
  t.ok(inside(base, 'sub/v.yaml'));
  t.equal(inside(base, '../x'), undefined);
  t.equal(inside(base, '/etc/passwd'), undefined);
  t.equal(inside(base, 'escape/passwd'), undefined, 'a symlink out of the directory is refused');
  t.equal(inside(base, '.'), undefined);
});

t.test('values, labels, stderr, search', async (t) => {
  t.same(parseValues('{"a": 1}'), { a: 1 });
  t.same(parseValues('a:\n  b: 2\n'), { a: { b: 2 } });
  t.equal(parseValues(''), undefined);
  t.throws(() => parseValues(5));
  const m = labelMatcher('team=payments, tier!=db, !legacy');
  t.ok(m({ team: 'payments', tier: 'web' }));
  t.notOk(m({ team: 'payments', tier: 'db' }));
  t.notOk(m({ team: 'payments', legacy: 'y' }));
  t.ok(labelMatcher('team')({ team: '' }));
  t.equal(
    summariseStderr('WARNING: kubeconfig is group-readable\nError: INSTALLATION FAILED: boom\n'),
    'INSTALLATION FAILED: boom',
  );
  t.equal(summariseStderr(''), '(helm printed nothing)');
  const charts = [
    { repo: 'r', name: 'a', version: '1.2.0', app_version: '', description: 'web server' },
    { repo: 'r', name: 'a', version: '1.10.0', app_version: '', description: 'web server' },
    { repo: 'r', name: 'a', version: '2.0.0-rc.1', app_version: '', description: 'web server' },
    { repo: 'r', name: 'b', version: '0.1.0', app_version: '', description: 'database', keywords: ['sql'] } as any,
  ];
  t.same(
    (await searchCharts(charts, undefined, false)).map((c) => `${c.name}@${c.version}`),
    ['a@1.10.0', 'b@0.1.0'],
  );
  t.same(
    (await searchCharts(charts, 'WEB', true)).map((c) => c.version),
    ['2.0.0-rc.1'],
  );
  t.same(
    (await searchCharts(charts, 'sql', false)).map((c) => c.name),
    ['b'],
    'keywords are searched',
  );
});

t.test('coalescing and masking', async (t) => {
  t.same(coalesceValues({ a: { b: 1, c: 2 }, d: 3, e: 4 }, { a: { b: 9 }, e: null }), { a: { b: 9, c: 2 }, d: 3 });
  const masked = maskValues({
    db: { password: 'pw-123456', user: 'app' },
    apiKey: 'k',
    env: [
      { name: 'DB_PASSWORD', value: 'x' },
      { name: 'MODE', value: 'prod' },
    ],
    auth: { enabled: true },
    tokens: ['a'],
  }) as any;
  t.match(masked.db.password, /^<redacted> \(9 bytes\)$/);
  t.equal(masked.db.user, 'app');
  t.match(masked.apiKey, /^<redacted>/);
  t.match(masked.env[0].value, /^<redacted>/);
  t.equal(masked.env[1].value, 'prod');
  t.same(masked.auth, { enabled: true }, 'maps under secret-looking keys are walked, not hidden');
  t.match(masked.tokens, /^<redacted>/);
});
