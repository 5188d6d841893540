#!/usr/bin/env node
// `npm run bench`: cnmcp (both spec eras, middleware off and full) against the official MCP SDK 1.x and 2.x
// servers and bare Fastify, in interleaved rounds on 127.0.0.1; then stdio, start-up, cache and memory.
// Prints one table of medians and the performance targets, and writes results/<timestamp>.json + latest.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checks, checkHttpTarget, checkStdioTarget } from './lib/checks.mjs';
import { BENCH_DIR, ROOT } from './lib/cnmcp.mjs';
import { drive } from './lib/load.mjs';
import { measureMemory } from './lib/memory.mjs';
import { USAGE, readOptions } from './lib/options.mjs';
import { formatReport, median, ratios, summariseRuns, writeResults } from './lib/report.mjs';
import { measureStartup, readyPlugins } from './lib/startup.mjs';
import { STDIO_TARGETS, driveStdio, startStdio, stopStdio } from './lib/stdio.mjs';
import { HTTP_TARGETS, startTarget, stopTarget } from './lib/targets.mjs';

const CACHE_KEY = 'cnmcp-2026-full:cache-hit';
const FIRST_PARTY_PLUGINS = 10;
const log = (line) => process.stderr.write(`${line}\n`);

function preflight() {
  if (!existsSync(join(ROOT, 'core', 'dist', 'cli', 'index.js')))
    throw new Error('cnmcp is not built: run `npm run build` at the repository root first');
  if (!existsSync(join(BENCH_DIR, 'node_modules', 'autocannon')))
    throw new Error("the bench's own dependencies are missing: run `npm ci --prefix bench` first");
}

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'core', 'bin'], { cwd: ROOT, encoding: 'utf8' });
    return dirty.trim() ? `${head} (core modified)` : head;
  } catch {
    return undefined;
  }
}

/** A phase that fails is reported and left out (its ratios read n/a); the others still run. */
async function phase(name, fn) {
  try {
    return await fn();
  } catch (err) {
    log(`${name} failed: ${err.message}`);
    process.exitCode = 1;
    return undefined;
  }
}

/** Starts every server and checks it; returns the HTTP and stdio servers that answered correctly. */
async function startAndCheck(checks, tmp) {
  const [httpStarts, stdioStarts] = await Promise.all([
    Promise.allSettled(HTTP_TARGETS.map((t) => startTarget(t, tmp))),
    Promise.allSettled(STDIO_TARGETS.map((t) => startStdio(t, tmp))),
  ]);
  const passing = async (targets, starts, check, stop) => {
    const ok = [];
    for (const [i, outcome] of starts.entries()) {
      if (outcome.status === 'rejected')
        await checks.run(`${targets[i].label}: starts`, () => Promise.reject(outcome.reason));
      else if (await check(checks, outcome.value)) ok.push(outcome.value);
      else await stop(outcome.value);
    }
    return ok;
  };
  return {
    http: await passing(HTTP_TARGETS, httpStarts, checkHttpTarget, stopTarget),
    stdio: await passing(STDIO_TARGETS, stdioStarts, checkStdioTarget, stopStdio),
  };
}

/** Interleaved rounds: every concurrency, every server, in an order that rotates from round to round. */
async function httpRounds(servers, options) {
  const runs = {};
  const record = (key, c, run) => ((runs[key] ??= {})[c] ??= []).push(run);
  // A server that dies or hangs costs its own rows (counted as failed), not the whole run.
  const measure = (server, options) =>
    drive(server, options).catch((err) => {
      log(`${server.label}: ${err.message}`);
      return { calls: 0, non2xx: 0, errors: 1, failure: err.message };
    });
  const cnmcpFull = servers.find((s) => s.key === 'cnmcp-2026-full');
  log(`warm-up: ${options.warmup} s per server at c=10`);
  for (const server of servers) await measure(server, { connections: 10, duration: options.warmup });
  if (cnmcpFull) await measure(cnmcpFull, { tool: 'bench_cached', connections: 10, duration: options.warmup });
  for (let round = 0; round < options.rounds; round++) {
    const started = performance.now();
    for (const [ci, c] of options.concurrency.entries()) {
      const shift = (round + ci) % servers.length;
      for (const server of [...servers.slice(shift), ...servers.slice(0, shift)])
        record(server.key, c, await measure(server, { connections: c, duration: options.duration }));
      if (c === 10 && cnmcpFull)
        record(
          CACHE_KEY,
          c,
          await measure(cnmcpFull, { tool: 'bench_cached', connections: c, duration: options.duration }),
        );
    }
    log(`round ${round + 1}/${options.rounds} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return runs;
}

async function stdioRounds(servers, options) {
  const runs = {};
  for (const server of servers) await driveStdio(server, options.warmup);
  for (let round = 0; round < options.rounds; round++) {
    const shift = round % servers.length;
    for (const server of [...servers.slice(shift), ...servers.slice(0, shift)])
      (runs[server.key] ??= []).push(await driveStdio(server, options.duration));
  }
  log('stdio rounds done');
  return Object.fromEntries(
    servers.map((s) => [
      s.key,
      {
        label: s.label,
        perSecond: median(runs[s.key].map((r) => r.perSecond)),
        cpuMsPerCall: median(runs[s.key].map((r) => r.cpuMsPerCall)),
        rounds: runs[s.key],
      },
    ]),
  );
}

async function startupRounds(checks, tmp, rounds) {
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const inspect =
      i === 0
        ? (baseUrl) =>
            checks.run(`start-up config loads all ${FIRST_PARTY_PLUGINS} first-party plugins`, async () => {
              const plugins = await readyPlugins(baseUrl);
              if (plugins.length !== FIRST_PARTY_PLUGINS) throw new Error(`GET /ready lists ${plugins.join(', ')}`);
            })
        : undefined;
    samples.push(await measureStartup(tmp, { inspect }));
  }
  log('start-up rounds done');
  return {
    cnmcpMs: median(samples.map((s) => s.cnmcpMs)),
    bareMs: median(samples.map((s) => s.bareMs)),
    samples,
  };
}

async function main() {
  const options = readOptions();
  if (options.help) return void console.log(USAGE);
  preflight();
  const tmp = mkdtempSync(join(tmpdir(), 'cnmcp-bench-'));
  const checks = new Checks(log);
  const meta = {
    startedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverageAtStart: loadavg(),
    commit: gitCommit(),
    options,
  };
  let servers = { http: [], stdio: [] };
  try {
    log(
      options.selfCheck ? 'self-check: correctness only' : `bench: ${options.rounds} rounds of ${options.duration} s`,
    );
    const [load1] = loadavg();
    if (load1 > meta.cpus)
      log(
        `note: load average ${load1.toFixed(1)} on ${meta.cpus} CPUs: other work is running, absolute numbers will be low`,
      );
    servers = await startAndCheck(checks, tmp);
    if (options.selfCheck) {
      await checks.run('start-up with every plugin reaches /health', () => startupRounds(checks, tmp, 1));
      console.log(`${checks.passed} passed, ${checks.failed} failed`);
      process.exitCode = checks.failed ? 1 : 0;
      return;
    }
    const runs = await httpRounds(servers.http, options);
    const stdio = (await phase('stdio', () => stdioRounds(servers.stdio, options))) ?? {};
    await Promise.all(servers.http.map(stopTarget));
    await Promise.all(servers.stdio.map(stopStdio));
    servers = { http: [], stdio: [] };
    const startup = await phase('start-up', () => startupRounds(checks, tmp, options.startupRounds));
    const memoryTarget = HTTP_TARGETS.find((t) => t.key === 'cnmcp-2026-full');
    log(`memory: ${options.memoryCalls} + ${options.memoryCalls} calls at c=50`);
    const memory = await phase('memory', () => measureMemory(memoryTarget, tmp, options.memoryCalls));
    const summary = summariseRuns(runs);
    const labels = Object.fromEntries([
      ...HTTP_TARGETS.map((t) => [t.key, t.label]),
      [CACHE_KEY, 'cnmcp 2026-07-28 full, cache hit'],
    ]);
    const result = {
      meta: { ...meta, finishedAt: new Date().toISOString(), loadAverageAtEnd: loadavg() },
      labels,
      concurrency: options.concurrency,
      summary,
      stdio,
      startup,
      memory,
      checks: { passed: checks.passed, failed: checks.failed, results: checks.results },
      runs,
    };
    result.ratios = ratios({ http: summary, stdio, startup, memory, cacheKey: CACHE_KEY });
    const file = await writeResults(join(BENCH_DIR, 'results'), result);
    console.log(formatReport(result));
    log(`\nwritten: ${file} and results/latest.json`);
    const failedCalls = Object.values(summary).reduce(
      (n, row) => n + Object.values(row).reduce((m, r) => m + r.failed, 0),
      memory?.failed ?? 1,
    );
    if (failedCalls) log(`${failedCalls} calls failed (non-2xx, errors or timeouts) during timing`);
    if (checks.failed || failedCalls || !startup) process.exitCode = 1;
  } finally {
    await Promise.allSettled([...servers.http.map(stopTarget), ...servers.stdio.map(stopStdio)]);
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  log(`bench: ${err.message ?? err}`);
  process.exitCode = 1;
});
