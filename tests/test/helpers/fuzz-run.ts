// Runs fuzzed tool calls through an MCP client a few at a time and collects what is wrong with the replies.
import type { TestServer } from '@cnmcp/core/testing';

export interface FuzzJob {
  tool: string;
  n: number;
  args: Record<string, unknown>;
}

export interface Finding {
  tool: string;
  n: number;
  args: string;
  wrong: string;
}

export interface FuzzRunOptions {
  concurrency: number;
  timeoutMs: number;
  wrongResult(result: unknown): string | undefined;
  wrongError(err: unknown): string | undefined;
}

export async function runFuzz(client: TestServer['client'], jobs: FuzzJob[], options: FuzzRunOptions) {
  const findings: Finding[] = [];
  const codes = new Map<string, number>();
  const tally = { calls: 0, results: 0, toolErrors: 0, mcpErrors: 0 };
  const runOne = async (job: FuzzJob) => {
    tally.calls++;
    let wrong: string | undefined;
    try {
      const result = await client.callTool({ name: job.tool, arguments: job.args }, undefined, {
        timeout: options.timeoutMs,
      });
      if (result.isError) {
        tally.toolErrors++;
        const text = (result.content as Array<{ text?: string }>)[0]?.text ?? '';
        const code = /^([A-Z][A-Z0-9_]+):/.exec(text)?.[1] ?? 'unnamed';
        codes.set(code, (codes.get(code) ?? 0) + 1);
      } else tally.results++;
      wrong = options.wrongResult(result);
    } catch (err) {
      tally.mcpErrors++;
      wrong = options.wrongError(err);
    }
    if (wrong) findings.push({ tool: job.tool, n: job.n, args: JSON.stringify(job.args).slice(0, 500), wrong });
  };
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await runOne(jobs[next++]);
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const byCount = [...codes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`);
  const summary =
    `${tally.calls} calls: ${tally.results} results, ${tally.toolErrors} tool errors (${byCount.join(', ')}), ` +
    `${tally.mcpErrors} MCP errors; ${findings.length} findings`;
  return { ...tally, findings, summary };
}
