// Runs one command in a container over the exec subresource (no stdin, no TTY) with the official client's
// WebSocket exec, collecting stdout and stderr up to a cap.
import { Writable } from 'node:stream';
import { coreError } from '@cnmcp/core';
import { loadKubernetesClient } from '@cnmcp/kube-contexts';
import type { ClusterClient, Obj } from './client.js';
import { KubeErrors } from './errors.js';

export interface ExecOutcome {
  status: Obj;
  stdout: string;
  stderr: string;
}

/** A sink that keeps at most `cap` bytes. */
function sink(cap: number) {
  const chunks: Buffer[] = [];
  let n = 0;
  const w = new Writable({
    write(chunk: Buffer, _e, cb) {
      if (n < cap) {
        chunks.push(chunk);
        n += chunk.length;
      }
      cb();
    },
  });
  return { w, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function runInContainer(
  c: ClusterClient,
  target: { namespace: string; pod: string; container: string; command: string[] },
  opts: { timeoutSeconds: number; captureBytes: number; signal: AbortSignal },
): Promise<ExecOutcome> {
  const out = sink(opts.captureBytes);
  const err = sink(opts.captureBytes);
  const { Exec } = await loadKubernetesClient();
  const exec = new Exec(await c.kubeConfig());
  const { namespace, pod, container, command } = target;
  const status = await new Promise<Obj>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          coreError('CNMCP_ERR_BACKEND_TIMEOUT', `the command did not finish within ${opts.timeoutSeconds}s`, {
            hint: 'Run a shorter command, or raise timeoutSeconds (max 300).',
          }),
        ),
      opts.timeoutSeconds * 1000,
    );
    exec
      .exec(namespace, pod, container, command, out.w, err.w, null, false, (s) => {
        clearTimeout(timer);
        resolve(s as Obj);
      })
      .then((ws) => {
        ws.on('close', () => {
          clearTimeout(timer);
          setTimeout(() => resolve({ status: 'Unknown', message: 'the stream closed without a status' }), 50);
        });
        opts.signal.addEventListener('abort', () => ws.close(), { once: true });
      })
      .catch((e: Error) => {
        clearTimeout(timer);
        reject(
          KubeErrors.create(
            'KUBERNETES_ERR_EXEC_FAILED',
            `exec in ${namespace}/${pod} (${container}) failed: ${e.message}`,
          ),
        );
      });
  });
  return { status, stdout: out.text(), stderr: err.text() };
}
