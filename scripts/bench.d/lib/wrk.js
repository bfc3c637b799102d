'use strict';
// Runs wrk (closed loop: each connection sends its next request when the answer arrived)
// with one of the Lua scripts in ../wrk and reads the line that report.lua prints.

const path = require('path');
const proc = require('./proc');
const { assertLoopback } = require('./http');

const LUA_DIR = path.join(__dirname, '..', 'wrk');

/** Parses wrk's duration syntax ("20s", "2m", "500ms") into milliseconds. */
function durationMs(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(text).trim());
  if (!match) {
    throw new Error(`not a duration: ${text} (use e.g. 20s, 2m, 500ms)`);
  }
  const factor = { ms: 1, s: 1000, m: 60000 }[match[2] || 's'];
  return Math.round(Number(match[1]) * factor);
}

/**
 * One wrk run. script: a file in ../wrk; env: BENCH_* variables for the script.
 * Resolves {rps, p50Ms, p90Ms, p99Ms, requests, errors, errorRate}; rejects if wrk failed.
 */
async function runWrk({ url, script, env, connections, duration, threads = 2 }) {
  assertLoopback(url);
  const args = ['-t', String(Math.min(threads, connections)), '-c', String(connections),
    '-d', `${Math.max(1, Math.round(durationMs(duration) / 1000))}s`, '--timeout', '10s', '-s', path.join(LUA_DIR, script), url];
  const timeoutMs = durationMs(duration) + 60000;
  const result = await proc.run('wrk', args, { timeoutMs, env: { BENCH_LUA_DIR: LUA_DIR, ...env } });
  const line = result.stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (result.code !== 0 || !line) {
    throw new Error(`wrk failed (${result.code}): ${(result.stderr || result.stdout).trim().slice(0, 400)}`);
  }
  const raw = JSON.parse(line.slice('BENCH_JSON '.length));
  const errors = raw.connect + raw.read + raw.write + raw.status + raw.timeout;
  return {
    rps: raw.requests / (raw.duration_us / 1e6),
    p50Ms: raw.p50_us / 1000,
    p90Ms: raw.p90_us / 1000,
    p99Ms: raw.p99_us / 1000,
    requests: raw.requests,
    errors,
    errorRate: raw.requests > 0 ? errors / raw.requests : 1,
    raw
  };
}

/** A warm-up run (its numbers are thrown away), then the measured run. */
async function warmAndRun(options, warmup) {
  if (durationMs(warmup) > 0) {
    await runWrk({ ...options, duration: warmup });
  }
  return runWrk(options);
}

module.exports = { runWrk, warmAndRun, durationMs };
