// How contexts are found: an explicit file, KUBECONFIG files merged like kubectl, ~/.kube/config, the
// allow-list and the default context, and the caller's own errors when nothing is found.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import t from 'tap';
import { KubeContexts, type KubeContextFailure } from '../dist/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kube-contexts-'));
function kubeconfig(file: string, current: string, names: string[]): string {
  const path = join(dir, file);
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${current}`,
      'clusters:',
      ...names.map((n) => `- name: ${n}\n  cluster:\n    server: https://${n}.example:6443`),
      'users:',
      ...names.map((n) => `- name: ${n}\n  user:\n    token: token-of-${n}`),
      'contexts:',
      ...names.map((n) => `- name: ${n}\n  context:\n    cluster: ${n}\n    user: ${n}\n    namespace: ns-${n}`),
    ].join('\n') + '\n',
  );
  return path;
}
const a = kubeconfig('a.yaml', 'one', ['one', 'two']);
const b = kubeconfig('b.yaml', 'three', ['three']);
const error = (failure: KubeContextFailure, message: string) => Object.assign(new Error(message), { failure });
const make = (settings: object, env: NodeJS.ProcessEnv = {}, home = join(dir, 'nohome')) =>
  new KubeContexts(settings, { configKey: 'demo', error, env, home });

t.test('an explicit file', async (t) => {
  const k = make({ kubeconfig: a });
  t.equal(k.source(), 'demo.kubeconfig');
  t.same(
    k.contexts().map((c) => [c.name, c.server, c.namespace, c.current]),
    [
      ['one', 'https://one.example:6443', 'ns-one', true],
      ['two', 'https://two.example:6443', 'ns-two', false],
    ],
  );
  t.equal((await k.kubeConfigFor('two')).getCurrentUser()?.token, 'token-of-two');
  t.same(k.contextParts('two'), {
    name: 'two',
    context: { name: 'two', cluster: 'two', user: 'two', namespace: 'ns-two' },
    cluster: { name: 'two', server: 'https://two.example:6443', skipTLSVerify: false },
    user: { name: 'two', token: 'token-of-two' },
  });
  t.same(k.allSecrets().sort(), ['token-of-one', 'token-of-two']);
});

t.test('KUBECONFIG files are merged; the first current-context wins', async (t) => {
  const k = make({}, { KUBECONFIG: [a, join(dir, 'missing.yaml'), b].join(delimiter) });
  t.equal(k.source(), 'KUBECONFIG (2 files merged)');
  t.same(
    k.contexts().map((c) => c.name),
    ['one', 'two', 'three'],
  );
  t.equal(k.defaultContextName(), 'one');
});

t.test('~/.kube/config, allow-list and default context', async (t) => {
  const home = join(dir, 'home');
  mkdirSync(join(home, '.kube'), { recursive: true });
  writeFileSync(join(home, '.kube', 'config'), '');
  const cfg = kubeconfig(join('home', '.kube', 'config'), 'one', ['one', 'two']);
  t.ok(cfg);
  const k = make({ contexts: ['two'] }, {}, home);
  t.equal(k.source(), '~/.kube/config');
  t.same(
    k.contexts().map((c) => c.name),
    ['two'],
  );
  t.equal(k.defaultContextName(), 'two', 'the current context is not allowed, so the first allowed one');
  t.equal(make({ defaultContext: 'two' }, {}, home).defaultContextName(), 'two');
  t.throws(() => k.resolveContext('one'), {
    failure: 'context-unknown',
    message: /context "one" is not available; available: two/,
  });
});

t.test("the caller's errors", async (t) => {
  const none = make({});
  t.equal(none.configured(), false);
  t.match(none.notConfiguredError(), {
    failure: 'not-configured',
    message: /demo\.kubeconfig is not set, KUBECONFIG is not set/,
  });
  t.throws(() => none.contexts(), { failure: 'not-configured' });
  t.match(make({ kubeconfig: join(dir, 'nope') }).notConfiguredError(), {
    message: /named by demo\.kubeconfig does not exist/,
  });
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'clusters: [oops\n');
  t.match(make({ kubeconfig: bad }).notConfiguredError(), { failure: 'kubeconfig-invalid' });
});
