#!/usr/bin/env node
'use strict';
// The benchmark run behind scripts/bench: starts the dev CouchDB (or uses BENCH_COUCHDB_URL's), couchgate and the
// Express reference on loopback ports, runs the scenarios, prints one table and writes it to
// docs/benchmarks.md. Exit status: 0 all measured, 3 some measures n/a, 1 set-up failed.

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const proc = require('./lib/proc');
const couch = require('./lib/couch');
const couchgate = require('./lib/couchgate');
const expressRef = require('./lib/express-ref');
const nginx = require('./lib/nginx');
const report = require('./lib/report');
const { allowHostOf, basic } = require('./lib/http');
const { runWrk } = require('./lib/wrk');
const { readConfig, describe } = require('./config');
const { smallDocGet, bulkWrites } = require('./scenarios/throughput');
const { largeAttachment } = require('./scenarios/attachments');
const { idleFeeds } = require('./scenarios/feeds');
const { login } = require('./scenarios/login');
const { startup } = require('./scenarios/startup');
const { durableSessions } = require('./scenarios/durable');
const { proxyOnly } = require('./scenarios/proxy');
const { streamEnds } = require('./scenarios/stream-ends');

const REPO = path.resolve(__dirname, '..', '..');
const DB = 'posts';
// The owner-write validator takes only ids that start with the writer's username and a colon.
const smallDocId = (username) => `${username}:small-1k`;

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

async function startCouchgateOnce(ctx) {
  try {
    ctx.couchgate = await ctx.startCouchgate('couchgate.log');
    ctx.firstStartMs = ctx.couchgate.startMs;
    const token = await couchgate.signUpAndLogIn(ctx.couchgate.url, ctx.appUser.username, ctx.appUser.password);
    ctx.targets.couchgate = { label: 'couchgate', db: `${ctx.couchgate.url}/database/${DB}`, auth: 'Bearer ' + token };
    log(`couchgate up on ${ctx.couchgate.url} after ${(ctx.firstStartMs / 1000).toFixed(2)} s`);
  } catch (err) {
    ctx.couchgateProblem = 'couchgate not measured (see Problems)';
    ctx.problems.push(`couchgate could not be measured: ${err.message}`);
    log(`couchgate not measured: ${err.message.split('\n')[0]} (direct and Express reference go on)`);
    if (ctx.couchgate) {
      await proc.stop(ctx.couchgate.child);
    }
    ctx.couchgate = null;
  }
}

async function startReference(ctx, directUser) {
  try {
    ctx.ref = await expressRef.start({
      workDir: ctx.workDir, couchUrl: ctx.couch.url, app: ctx.appUser, couchUser: directUser, database: DB
    });
    ctx.targets.ref = { label: 'express-ref', db: `${ctx.ref.url}/database/${DB}`, auth: 'Bearer ' + ctx.ref.token };
  } catch (err) {
    ctx.refProblem = 'Express reference not measured (see Problems)';
    ctx.problems.push(`the Express reference could not be measured: ${err.message}`);
    log(`Express reference not measured: ${err.message.split('\n')[0]}`);
  }
}

/** The dev CouchDB with a new admin (ending admin party), or BENCH_COUCHDB_URL's CouchDB with its given admin. */
async function startCouchDb(ctx) {
  if (ctx.cfg.couchdb) {
    allowHostOf(ctx.cfg.couchdb.url);
    ctx.admin = ctx.cfg.couchdb.admin;
    ctx.couch = await couch.connectExternal(ctx.cfg.couchdb.url, ctx.admin);
    log(`${ctx.couch.version} on ${ctx.couch.url}, admin ${ctx.admin.name}`);
    return;
  }
  ctx.couch = await couch.startDevCouchDb(REPO, ctx.workDir);
  log(`dev CouchDB (${ctx.couch.version}) on ${ctx.couch.url}`);
  await couch.createAdmin(ctx.couch.url, ctx.admin.name, ctx.admin.password);
}

async function setUp(ctx) {
  await startCouchDb(ctx);
  ctx.couchgateDataDir = path.join(ctx.workDir, 'couchgate-data');
  ctx.startCouchgate = (logName, {
    dataDir = ctx.couchgateDataDir, extraArgs = [], jvmArgs = [], couchUrl = ctx.couch.url
  } = {}) => couchgate.startCouchgate({
    jar: ctx.jar, couchUrl, dataDir, logFile: path.join(ctx.workDir, logName), bootstrapAdmin: ctx.admin,
    compatibility: ctx.couch.compatibility, extraArgs, jvmArgs
  });
  await startCouchgateOnce(ctx);
  if (await couch.ensureAppDatabase(ctx.couch.url, ctx.admin, DB)) {
    ctx.problems.push(`the benchmark created ${DB} itself (couchgate did not), without couchgate's validator`);
  }
  const directUser = { name: 'bench-direct', password: couchgate.strongPassword() };
  ctx.directUser = directUser;
  await couch.createUser(ctx.couch.url, ctx.admin, directUser.name, directUser.password,
    ['end_user', `user:${ctx.appUser.username}`]);
  ctx.targets.direct = { label: 'direct', db: `${ctx.couch.url}/${DB}`, auth: basic(directUser.name, directUser.password) };
  await couch.seedDocument(ctx.couch.url, ctx.targets.direct.auth, DB, ctx.smallDocId, ctx.appUser.username, 1024);
  await startReference(ctx, directUser);
}

/** Once, before any measurement: load couchgate so the JIT has compiled the proxy path. */
async function warmCouchgate(ctx) {
  if (!ctx.targets.couchgate) {
    return;
  }
  log(`warming couchgate's JIT up for ${ctx.cfg.jvmWarmup} (not measured)`);
  const target = ctx.targets.couchgate;
  await runWrk({ url: `${target.db}/${ctx.smallDocId}`, script: 'get.lua', connections: 16, duration: ctx.cfg.jvmWarmup,
    env: { BENCH_AUTH: target.auth } }).catch((err) => log(`warm-up failed: ${err.message}`));
  ctx.jitWarmed = ctx.couchgate.child; // scenario 7 warms a restarted couchgate (scenario 6) up again
}

// Scenarios 7 and 8 run late: scenario 6 restarts the first couchgate; 7 and 8 each start (and stop) another one.
// Scenario 9 runs last: its logouts everywhere and deleted session users are of a user of its own, but its sessions
// and held transfers should not share the machine with a measured load.
const SCENARIOS = [[1, smallDocGet], [2, bulkWrites], [3, largeAttachment], [4, idleFeeds], [5, login], [6, startup],
  [7, durableSessions], [8, proxyOnly], [9, streamEnds]];

async function versions(ctx) {
  const java = await proc.run('java', ['-version']);
  const wrk = await proc.run('wrk', ['-v']);
  const nginxVersion = ctx.cfg.scenarios.has(8) ? await nginx.version() : null;
  return {
    couchgateVersion: couchgate.pomVersion(REPO) + (ctx.couchgate || ctx.firstStartMs ? '' : ' (did not start)'),
    javaVersion: (java.stderr.split('\n').find((l) => /version/.test(l)) || 'unknown').trim(),
    couchVersion: ctx.couch ? ctx.couch.version : 'did not start',
    wrkVersion: (wrk.stdout + wrk.stderr).split('\n')[0].trim(),
    nginxVersion,
    settings: describe(ctx.cfg)
  };
}

function firstStartRow(ctx) {
  const label = 'first start (provisioning, admin party ended): java -jar → first /health 200 (s)';
  return ctx.firstStartMs ? report.row(6, label, report.fmt(ctx.firstStartMs / 1000, 2), '', undefined)
    : report.row(6, label, 'n/a', '', null, ctx.couchgateProblem);
}

async function main() {
  const cfg = readConfig(process.env);
  const jar = cfg.jar || path.join(REPO, 'bootstrap/target/couchgate.jar');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'couchgate-bench-'));
  const appUser = { username: `bench.${crypto.randomBytes(3).toString('hex')}`, password: couchgate.strongPassword() };
  const ctx = {
    cfg, jar, workDir, log, rows: [], problems: [], targets: {}, database: DB, smallDocId: smallDocId(appUser.username),
    names: { direct: 'direct', couchgate: 'couchgate', ref: 'express-ref' },
    admin: { name: 'bench-admin', password: couchgate.strongPassword() },
    appUser
  };
  log(`work directory ${workDir}; ${describe(cfg)}`);
  try {
    await setUp(ctx);
    await warmCouchgate(ctx);
    for (const [n, scenario] of SCENARIOS.filter(([number]) => cfg.scenarios.has(number))) {
      await scenario(ctx);
      if (n === 6) {
        ctx.rows.push(firstStartRow(ctx));
      }
    }
  } catch (err) {
    ctx.problems.push(`the run stopped early: ${err.message}`);
    ctx.failed = true;
  }
  await finish(ctx);
}

async function finish(ctx) {
  const info = await versions(ctx);
  const envLines = report.environment(info).map(([k, v]) => `${k}: ${v}`).join('\n');
  const problems = ctx.problems.length ? '\nProblems:\n' + ctx.problems.map((p) => `- ${p}`).join('\n') + '\n' : '';
  const profile = ctx.profileText ? `\n${ctx.profileText}` : '';
  process.stdout.write(`\ncouchgate benchmark\n${envLines}\n\n${report.plainTable(ctx.rows)}${problems}${profile}`);
  if (ctx.cfg.writeDoc) {
    const doc = path.join(REPO, 'docs', 'benchmarks.md');
    fs.mkdirSync(path.dirname(doc), { recursive: true });
    report.writeMarkdown(doc, info, ctx.rows, ctx.problems.map((p) => p.split('\n')[0]));
    log(`wrote ${doc}`);
  }
  await Promise.all([ctx.couchgate, ctx.ref, ctx.couch].filter(Boolean).map((p) => proc.stop(p.child)));
  if (ctx.cfg.keep) {
    log(`kept ${ctx.workDir}`);
  } else {
    fs.rmSync(ctx.workDir, { recursive: true, force: true });
  }
  process.exit(ctx.failed ? 1 : ctx.rows.some((r) => r.verdict === 'n/a') ? 3 : 0);
}

main().catch((err) => {
  log(`failed: ${err.stack || err.message}`);
  process.exit(1);
});
