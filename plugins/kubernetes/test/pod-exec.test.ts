// kubernetes_pod_exec through client-node's Exec (WebSocket, v4.channel.k8s.io) against the emulator.
import t from 'tap';
import { setup, json, type Setup } from './helpers.js';

let s: Setup;
t.before(async () => {
  s = await setup();
});
t.teardown(async () => {
  await s?.close();
});
const call = (name: string, args: Record<string, unknown> = {}) => s.mcp.call(name, args);

t.test('runs a command and returns stdout and exit code 0', async (t) => {
  const r = json(
    (
      await call('kubernetes_pod_exec', {
        podName: 'db-0',
        namespace: 'shop',
        containerName: 'exporter',
        command: ['echo', 'hello', 'world'],
      })
    ).text,
  );
  t.equal(r.exitCode, 0);
  t.equal(r.stdout, 'hello world\n');
  t.equal(r.container, 'exporter');
  const req = s.emu.requests.filter((q) => q.path.endsWith('/pods/db-0/exec')).pop()!;
  t.same(req.query.getAll('command'), ['echo', 'hello', 'world']);
  t.equal(req.query.get('container'), 'exporter');
  t.equal(req.query.get('tty'), 'false');
});

t.test('a string command is split on whitespace; the first container is the default', async (t) => {
  const r = json(
    (await call('kubernetes_pod_exec', { podName: 'db-0', namespace: 'shop', command: 'cat /etc/hostname' })).text,
  );
  t.equal(r.stdout, 'db-0\n');
  t.equal(r.container, 'postgres');
});

t.test('non-zero exit codes and stderr are reported', async (t) => {
  const r = json(
    (await call('kubernetes_pod_exec', { podName: 'db-0', namespace: 'shop', command: ['cat', '/nope'] })).text,
  );
  t.equal(r.exitCode, 1);
  t.match(r.stderr, /No such file or directory/);
  t.equal(r.status, 'Failure');
  const nf = json((await call('kubernetes_pod_exec', { podName: 'db-0', namespace: 'shop', command: ['psql'] })).text);
  t.equal(nf.exitCode, undefined);
  t.match(nf.message, /executable file not found/);
});

t.test('errors: missing pod, forbidden', async (t) => {
  const missing = await call('kubernetes_pod_exec', { podName: 'ghost', namespace: 'shop', command: ['true'] });
  t.ok(missing.isError);
  t.match(missing.text, /^CNMCP_ERR_BACKEND_NOT_FOUND/);
  const denied = await call('kubernetes_pod_exec', {
    podName: 'db-0',
    namespace: 'shop',
    command: ['true'],
    context: 'viewer',
  });
  t.ok(denied.isError);
  t.match(denied.text, /^KUBERNETES_ERR_EXEC_FAILED: .*(403|Forbidden)/);
});
