// Toolset kubernetes/exec: run a command in a container; port-forward is explained, not opened.
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import type { ClusterClient, Obj } from '../client.js';
import { KubeErrors } from '../errors.js';
import { runInContainer } from '../exec.js';
import { capString } from '../format.js';
import { KubeReader } from '../kube.js';
import { resolveKind } from '../resolve.js';
import * as S from '../schemas.js';

type Ctx = ToolContext<ClusterClient>;

@ToolGroup({
  name: 'exec',
  title: 'Exec in containers',
  description: 'Run a command in a container (stdout, stderr, exit code); port-forward instructions.',
  defaults: { annotations: annotations.destructive, redactOutput: false },
})
export class ExecTools {
  constructor(@inject(KubeReader) private readonly kube: KubeReader) {}

  @Tool({
    name: 'kubernetes_pod_exec',
    title: 'Run a command in a container',
    description:
      'Runs a command (no stdin, no TTY) in a container and returns stdout, stderr and the exit code (output capped). command: array, or a string split on whitespace.',
    input: S.ExecInput,
    timeoutMs: 330_000,
  })
  async exec(input: Static<typeof S.ExecInput>, ctx: Ctx) {
    const c = ctx.backend;
    this.kube.checkNamespace(input.namespace);
    let command = input.command;
    if (typeof command === 'string') {
      const t = command.trim();
      command = t.startsWith('[') ? (this.kube.parseJsonArg(t, 'command') as string[]) : t.split(/\s+/).filter(Boolean);
    }
    if (!Array.isArray(command) || !command.length)
      throw KubeErrors.create('KUBERNETES_ERR_BAD_INPUT', 'command must be a non-empty array or string');
    const podRes = await resolveKind(c, 'Pod', 'v1', ctx.signal);
    const pod = await this.kube.getObj(c, podRes, input.podName, input.namespace, ctx.signal);
    const containers: string[] = (pod.spec?.containers ?? []).map((x: Obj) => x.name);
    const container = input.containerName ?? containers[0];
    if (!containers.includes(container))
      throw KubeErrors.create(
        'KUBERNETES_ERR_BAD_INPUT',
        `container "${container}" is not in pod ${input.podName}; containers: ${containers.join(', ')}`,
      );
    const cap = ctx.resultBudgetBytes / 2;
    const { status, stdout, stderr } = await runInContainer(
      c,
      { namespace: input.namespace, pod: input.podName, container, command },
      { timeoutSeconds: input.timeoutSeconds, captureBytes: cap * 2, signal: ctx.signal },
    );
    const exitCause = (status.details?.causes ?? []).find((x: Obj) => x.reason === 'ExitCode');
    const exitCode = status.status === 'Success' ? 0 : exitCause ? Number(exitCause.message) : undefined;
    const out = capString(stdout, cap);
    const err = capString(stderr, cap / 2);
    return this.kube.out(
      {
        pod: `${input.namespace}/${input.podName}`,
        container,
        command,
        exitCode,
        status: status.status,
        ...(status.status !== 'Success' && status.message ? { message: status.message } : {}),
        stdout: out.text,
        stderr: err.text,
        ...(out.truncated || err.truncated ? { truncated: true } : {}),
      },
      c,
    );
  }

  @Tool({
    name: 'kubernetes_port_forward',
    title: 'Port forward (not offered)',
    description:
      'Not offered by this server: a port-forward would open a listener on the server host that no tool can stop safely. The reply explains how to run kubectl port-forward yourself.',
    input: S.PortForwardInput,
    annotations: annotations.local,
  })
  portForward(input: Static<typeof S.PortForwardInput>) {
    const ctxFlag = input.context ? ` --context ${input.context}` : '';
    throw KubeErrors.create(
      'KUBERNETES_ERR_PORT_FORWARD_UNSUPPORTED',
      'this server does not open port-forward listeners: a listener on the server host would be unbounded (it outlives the call, holds a port and a cluster stream open) and no tool could stop it safely, and it would expose the pod to whoever can reach the server host',
      {
        hint: `Run on your own machine: kubectl port-forward -n ${input.namespace} pod/${input.podName} ${input.localPort}:${input.podPort}${ctxFlag}`,
      },
    );
  }
}
