// The container image, built and run for real without a Docker engine: Debian's buildah builds the Dockerfile
// (--isolation chroot) on a local base image made with debootstrap plus this machine's Node 20 (cached between
// runs), then runs the server from the image as its non-root user and calls a tool through it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import t from 'tap';
import { freePort, requireBinary, startProcess, waitFor } from '@cnmcp/core/testing';
import { callTool, connectClient, json } from './lib/clients.js';
import { REPO } from './lib/cluster.js';

const run = promisify(execFile);
const INSTALL = 'apt-get install -y buildah podman debootstrap';
const tools = ['buildah', 'podman', 'debootstrap'].map((b) => requireBinary(b, INSTALL));
const skip = tools.find((b) => b.skip)?.skip;
const IMAGE = 'localhost/cnmcp:test';
const env = { ...process.env, CONTAINERS_CONF: join(REPO, 'deploy', 'scripts', 'containers.conf') };

async function sh(file: string, args: string[], timeoutMs = 120_000): Promise<string> {
  const { stdout } = await run(file, args, { env, cwd: REPO, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** npm's registry and CA bundle on this machine, handed to the build (a mirror or an egress proxy may need them). */
async function npmBuildOptions(): Promise<string[]> {
  const registry = (await sh('npm', ['config', 'get', 'registry'])).trim();
  const cafile = (await sh('npm', ['config', 'get', 'cafile'])).trim();
  return [
    '--build-arg',
    `NPM_CONFIG_REGISTRY=${registry}`,
    ...(cafile && cafile !== 'null' && cafile !== 'undefined' ? ['--secret', `id=npm-ca,src=${cafile}`] : []),
  ];
}

t.test('the image builds, starts as a non-root user and serves a tool call', { skip }, async (t) => {
  let started = Date.now();
  const base = (await sh('bash', [join(REPO, 'deploy', 'scripts', 'base-image.sh')], 600_000))
    .trim()
    .split('\n')
    .pop()!;
  t.comment(`base image ${base} ready in ${Math.round((Date.now() - started) / 1000)} s`);
  started = Date.now();
  await sh(
    'buildah',
    [
      'bud',
      '--isolation',
      'chroot',
      '--network',
      'host',
      '--layers',
      '--force-rm',
      '--format',
      'docker',
      '--build-arg',
      `BASE_IMAGE=${base}`,
      ...(await npmBuildOptions()),
      '-t',
      IMAGE,
      '.',
    ],
    1_500_000,
  );
  t.comment(`image built in ${Math.round((Date.now() - started) / 1000)} s`);
  const size = Number((await sh('podman', ['image', 'inspect', '--format', '{{.Size}}', IMAGE])).trim());
  const sizeLine = `image ${IMAGE}: ${(size / 1024 / 1024).toFixed(0)} MB (base ${base})`;
  t.comment(sizeLine);
  console.log(sizeLine);
  t.ok(size > 0, 'the image has a size');

  const config = JSON.parse(await sh('buildah', ['inspect', '--type', 'image', IMAGE])).Docker.config;
  t.equal(config.User, '1000:1000', 'runs as a non-root user');
  t.match(config.Healthcheck?.Test?.join(' '), /\/health/, 'HEALTHCHECK probes /health');
  t.same(config.Entrypoint, ['node', '/app/bin/cnmcp.js']);
  t.same(config.Cmd, ['serve']);

  const container = (await sh('buildah', ['from', IMAGE])).trim();
  t.teardown(() => sh('buildah', ['rm', container]).catch(() => undefined));
  const inside = (...cmd: string[]) =>
    sh('buildah', [
      'run',
      '--isolation',
      'chroot',
      '--network',
      'host',
      '--user',
      '1000:1000',
      container,
      '--',
      ...cmd,
    ]);
  await t.resolves(
    inside('sh', '-c', 'test ! -e /app/node_modules/typescript && test ! -e /app/node_modules/tap'),
    'no dev dependency is in the image',
  );
  await t.rejects(
    inside('sh', '-c', 'touch /app/written'),
    'the application files are not writable by the server user',
  );

  const port = await freePort();
  const server = startProcess(
    'buildah',
    [
      'run',
      '--isolation',
      'chroot',
      '--network',
      'host',
      '--user',
      '1000:1000',
      '-e',
      'MCP_HOST=127.0.0.1',
      '-e',
      `MCP_PORT=${port}`,
      '-e',
      'MCP_LOG_LEVEL=warn',
      container,
      '--',
      'node',
      '/app/bin/cnmcp.js',
      'serve',
    ],
    { env },
  );
  t.teardown(() => server.stop());
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the server in the image', 120_000, async () => (await fetch(`${url}/health`)).ok, server.log);
  const healthcheck = config.Healthcheck.Test.slice(1) as string[];
  await t.resolves(
    sh('buildah', [
      'run',
      '--isolation',
      'chroot',
      '--network',
      'host',
      '--user',
      '1000:1000',
      '-e',
      `MCP_PORT=${port}`,
      container,
      '--',
      ...healthcheck,
    ]),
    'the HEALTHCHECK command passes while the server runs',
  );
  const client = await connectClient(url, '2026-07-28');
  t.teardown(() => client.close());
  const answer = await callTool(client, 'utilities_get_timestamp');
  t.equal(answer.isError, false, `a tool call through the image: ${answer.text.slice(0, 100)}`);
  t.ok(json(answer), 'the answer is JSON');
});
