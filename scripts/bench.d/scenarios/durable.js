'use strict';
// Scenario 7: durable sessions. A second couchgate from the same jar, with a copy of the first one's secrets
// and -couchgate.sessions.store=couchdb, logs the bench user in; after its own JIT warm-up, scenario 1's
// 16-connection GET runs against the memory-mode instance and the couchdb-mode one alternately, in this run.
// The target: no CouchDB round trip per proxied request, so couchdb mode ≥ 0.95 × memory mode.

const fs = require('fs');
const path = require('path');
const proc = require('../lib/proc');
const couchgate = require('../lib/couchgate');
const crypto = require('crypto');
const { basic, request } = require('../lib/http');
const { runWrk, durationMs } = require('../lib/wrk');
const { row, fmt } = require('../lib/report');
const { readsDocument } = require('./throughput');

const SECRETS = 'secrets.properties';
const CONNECTIONS = 16; // scenario 1's row with the p99 target
// Alternated A B B A: a drift of the machine's speed during the four runs (other load, the dev CouchDB's heap
// growing) falls on both instances alike, which A B A B would charge to the second one.
const ORDER = ['memory', 'second', 'second', 'memory'];
const MINIMUM = 0.95;
const MAX_ERROR_RATE = 0.01;

/** The second instance's data dir: a new 0700 folder holding a 0600 copy of the first one's secrets, nothing else. */
function copySecrets(fromDir, toDir) {
  const source = path.join(fromDir, SECRETS);
  if (!fs.existsSync(source)) {
    throw new Error(`the first couchgate left no ${SECRETS} in ${fromDir}`);
  }
  fs.mkdirSync(toDir, { mode: 0o700 });
  fs.chmodSync(toDir, 0o700);
  const target = path.join(toDir, SECRETS);
  fs.copyFileSync(source, target, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(target, 0o600);
}

/** The session mode /health's `sessions` entry names (Micronaut nests it under details), or null. */
async function healthMode(url) {
  const answer = await request('GET', `${url}/health`);
  const sessions = answer.json && answer.json.details && answer.json.details.sessions;
  return (sessions && ((sessions.details && sessions.details.mode) || sessions.mode)) || null;
}

/**
 * Against BENCH_COUCHDB_URL (a CouchDB that outlives the run) the sessions database gets a name of this run's own:
 * couchgate refuses one that an earlier run's deployment claimed. null on the dev server (fresh each run).
 */
function runSessionsDatabase(ctx) {
  if (!ctx.couch.external || ctx.cfg.durableStore !== 'couchdb') {
    return null;
  }
  ctx.sessionsDatabase = ctx.sessionsDatabase || `couchgate_sessions_bench_${crypto.randomBytes(4).toString('hex')}`;
  return ctx.sessionsDatabase;
}

/** Deletes the run's own sessions database (runSessionsDatabase) again, if couchgate made it. */
async function dropRunSessionsDatabase(ctx) {
  if (!ctx.sessionsDatabase) {
    return;
  }
  const answer = await request('DELETE', `${ctx.couch.url}/${ctx.sessionsDatabase}`,
    { auth: basic(ctx.admin.name, ctx.admin.password) }).catch((err) => ({ status: err.message }));
  if (answer.status !== 200 && answer.status !== 202 && answer.status !== 404) {
    ctx.problems.push(`scenario 7: could not delete the run's sessions database ${ctx.sessionsDatabase}: ${answer.status}`);
  }
}

/** Starts the second couchgate and checks that /health names the mode asked for; resolves the instance. */
async function startSecond(ctx) {
  const dataDir = path.join(ctx.workDir, 'couchgate-durable-data');
  copySecrets(ctx.couchgateDataDir, dataDir);
  const store = `sessions.store=${ctx.cfg.durableStore}`;
  const database = runSessionsDatabase(ctx);
  const extraArgs = [`-couchgate.${store}`].concat(database ? [`-couchgate.sessions.database=${database}`] : []);
  const second = await ctx.startCouchgate('couchgate-durable.log', { dataDir, extraArgs })
    .catch((err) => { throw new Error(`the second couchgate (${store}): ${err.message}`); });
  const mode = await healthMode(second.url).catch(() => null);
  if (mode !== ctx.cfg.durableStore) {
    await proc.stop(second.child, 15000);
    throw new Error(`the second couchgate's /health names sessions mode ${mode}, not ${ctx.cfg.durableStore}`);
  }
  ctx.log(`second couchgate (sessions.store=${mode}) up on ${second.url} after ${fmt(second.startMs / 1000)} s`);
  return second;
}

/** Logs the bench user (signed up on the first instance, in app_users) in on instance; resolves a target. */
async function logInOn(ctx, instance, label) {
  const token = await couchgate.logIn(instance.url, ctx.appUser.username, ctx.appUser.password);
  const target = {
    label, db: `${instance.url}/database/${ctx.database}`, auth: 'Bearer ' + token, pid: instance.child.pid
  };
  const problem = await readsDocument(ctx)(target);
  if (problem) {
    throw new Error(`${label}: ${problem}`);
  }
  return target;
}

/** The JIT warm-up of the first instance's start, for another instance (not measured). */
async function warm(ctx, target) {
  ctx.log(`  warming ${target.label}'s JIT up for ${ctx.cfg.jvmWarmup} (not measured)`);
  await runWrk({ url: `${target.db}/${ctx.smallDocId}`, script: 'get.lua', connections: CONNECTIONS,
    duration: ctx.cfg.jvmWarmup, env: { BENCH_AUTH: target.auth } });
}

/** One warm-up, then one measured run; adds cpuUsPerRequest: the instance's CPU time over the measured run. */
async function measuredRun(ctx, target) {
  const options = { url: `${target.db}/${ctx.smallDocId}`, script: 'get.lua', connections: CONNECTIONS,
    duration: ctx.cfg.duration, env: { BENCH_AUTH: target.auth } };
  if (durationMs(ctx.cfg.warmup) > 0) {
    await runWrk({ ...options, duration: ctx.cfg.warmup });
  }
  const cpuBefore = proc.cpuSeconds(target.pid);
  const result = await runWrk(options);
  const cpuUsPerRequest = ((proc.cpuSeconds(target.pid) - cpuBefore) * 1e6) / result.requests;
  return { ...result, cpuUsPerRequest };
}

/** The runs in ORDER; resolves {memory: [...], second: [...]}. */
async function alternate(ctx, targets) {
  const runs = { memory: [], second: [] };
  for (const [index, key] of ORDER.entries()) {
    const target = targets[key];
    const result = await measuredRun(ctx, target);
    if (result.errorRate > MAX_ERROR_RATE) {
      throw new Error(`${target.label}, run ${index + 1}: ${result.errors} of ${result.requests} requests failed `
        + '(status ≥ 400 or socket errors)');
    }
    runs[key].push(result);
    ctx.log(`  run ${index + 1} of ${ORDER.length}, ${target.label}: ${fmt(result.rps, 0)} req/s, `
      + `${fmt(result.cpuUsPerRequest, 0)} µs CPU per request`);
  }
  return runs;
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** "<rate> (p50 …, p99 …, <cpu> µs CPU/request)" for each of one instance's runs, in order. */
function eachRun(runs) {
  return runs.map((r) => `${fmt(r.rps, 0)} (p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms, `
    + `${fmt(r.cpuUsPerRequest, 0)} µs CPU/request)`).join(', ');
}

function resultRows(ctx, labels, runs) {
  const rps = (key) => mean(runs[key].map((r) => r.rps));
  const cpu = (key) => `${labels[key]} ${fmt(mean(runs[key].map((r) => r.cpuUsPerRequest)), 0)}`;
  const ratio = rps('second') / rps('memory');
  const how = `GET 1 KiB doc, ${CONNECTIONS} conn, runs in the order ${ORDER.map((key) => labels[key]).join(', ')}, `
    + `each ${ctx.cfg.duration} after a ${ctx.cfg.warmup} warm-up; ratio of the mean req/s; couchgate CPU per request `
    + `(user + system of its whole JVM, JIT and GC threads included, from /proc/<pid>/stat over the measured runs `
    + `÷ their requests, µs): `
    + `${cpu('memory')}, ${cpu('second')}`
    + (ctx.cfg.durableStore === 'couchdb' ? '' : `; HARNESS CHECK ONLY: BENCH_DURABLE_STORE=${ctx.cfg.durableStore}`);
  return [
    row(7, `small-doc GET, ${CONNECTIONS} conn: req/s ${labels.memory} / ${labels.second} (mean)`,
      `${fmt(rps('memory'), 0)} / ${fmt(rps('second'), 0)}`, '', undefined,
      `${labels.memory}: ${eachRun(runs.memory)}; ${labels.second}: ${eachRun(runs.second)}`),
    row(7, `small-doc GET: req/s ${labels.second} ÷ ${labels.memory}`, fmt(ratio), `≥ ${MINIMUM}`,
      ratio >= MINIMUM, how)
  ];
}

async function measure(ctx, labels) {
  let second = null;
  try {
    second = await startSecond(ctx);
    const targets = {
      memory: await logInOn(ctx, ctx.couchgate, labels.memory),
      second: await logInOn(ctx, second, labels.second)
    };
    if (ctx.jitWarmed !== ctx.couchgate.child) {
      await warm(ctx, targets.memory); // scenario 6 restarted the first instance
      ctx.jitWarmed = ctx.couchgate.child;
    }
    await warm(ctx, targets.second);
    return resultRows(ctx, labels, await alternate(ctx, targets));
  } finally {
    if (second) {
      await proc.stop(second.child, 15000);
    }
    await dropRunSessionsDatabase(ctx);
  }
}

/** Scenario 7; appends its rows to ctx.rows. Needs the first (memory-mode) couchgate running; leaves it running. */
async function durableSessions(ctx) {
  const labels = { memory: 'memory mode',
    second: ctx.cfg.durableStore === 'couchdb' ? 'couchdb mode' : `${ctx.cfg.durableStore} mode (2nd instance)` };
  const ratioLabel = `small-doc GET: req/s ${labels.second} ÷ ${labels.memory}`;
  ctx.log(`scenario 7: durable sessions, ${ratioLabel}`);
  if (ctx.cfg.durableStore !== 'couchdb') {
    ctx.problems.push(`BENCH_DURABLE_STORE=${ctx.cfg.durableStore}: scenario 7's second instance ran in that mode, `
      + 'a check of the harness, not a measure of the durable mode');
  }
  if (!ctx.couchgate || !proc.alive(ctx.couchgate.child)) {
    ctx.rows.push(row(7, ratioLabel, 'n/a', `≥ ${MINIMUM}`, null,
      ctx.couchgateProblem || 'the first couchgate is not running (see scenario 6)'));
    return;
  }
  try {
    ctx.rows.push(...await measure(ctx, labels));
  } catch (err) {
    ctx.rows.push(row(7, ratioLabel, 'n/a', `≥ ${MINIMUM}`, null, err.message.split('\n')[0]));
    ctx.problems.push(`scenario 7: ${err.message}`);
  }
}

module.exports = { durableSessions, copySecrets, logInOn, warm };
