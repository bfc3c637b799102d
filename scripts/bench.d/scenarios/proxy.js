'use strict';
// Scenario 8: the proxies alone, in front of a fast static upstream. Debian's nginx serves a fixed 1 KiB
// CouchDB-style document (ETag, Content-Length) on one path from memory, and passes every other request to the run's
// CouchDB: that nginx is the CouchDB URL of a couchgate instance of this scenario's own (couchgate provisions and
// logs in through it; only the benchmarked GET is answered statically). In front of the same upstream: couchgate,
// nginx as a plain proxy (static Authorization header, keep-alive upstream) and an Express reference of its own.
// Each gets a warm-up and a measured wrk run; its CPU (user + system, /proc/<pid>/stat, the proxy's own processes
// only) over the measured run ÷ the requests gives CPU µs per request.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const proc = require('../lib/proc');
const couchgate = require('../lib/couchgate');
const expressRef = require('../lib/express-ref');
const jfr = require('../lib/jfr');
const nginx = require('../lib/nginx');
const { request } = require('../lib/http');
const { runWrk, durationMs } = require('../lib/wrk');
const { row, fmt } = require('../lib/report');
const { copySecrets } = require('./durable');

const CONNECTIONS = 16;
const DOC_ID = 'bench-static-1k';
const DOC_BYTES = 1024;
const MAX_ERROR_RATE = 0.01;
const ORDER = ['direct', 'couchgate', 'nginx', 'ref'];
const LABELS = { direct: 'direct', couchgate: 'couchgate', nginx: 'nginx', ref: 'express-ref' };
const CPU_LIMIT = 2; // couchgate's CPU per request ≤ 2 × nginx's
const RATE_MINIMUM = 2; // couchgate's req/s ≥ 2 × express-ref's
const P99_LIMIT_MS = 2;

/** The static document: CouchDB's shape (_id, _rev, fields, a newline at the end), exactly DOC_BYTES long. */
function staticDocument(owner) {
  const rev = `1-${crypto.createHash('md5').update(DOC_ID).digest('hex')}`;
  const doc = { _id: DOC_ID, _rev: rev, owner, type: 'post', title: 'static benchmark document', text: '' };
  doc.text = 'x'.repeat(DOC_BYTES - Buffer.byteLength(JSON.stringify(doc) + '\n'));
  return { body: JSON.stringify(doc) + '\n', etag: `"${rev}"` };
}

/** Starts what the scenario needs; every started process is put into started (stopped by the caller). */
async function setUp(ctx, started) {
  const dir = path.join(ctx.workDir, 'proxy-only');
  fs.mkdirSync(dir, { recursive: true });
  const docPath = `/${ctx.database}/${DOC_ID}`;
  const doc = staticDocument(ctx.appUser.username);
  const upstream = await nginx.startUpstream({ dir, docPath, doc, couchUrl: ctx.couch.url });
  started.push(upstream);
  ctx.log(`  static upstream (nginx) on ${upstream.url}: ${docPath} static, everything else → ${ctx.couch.url}`);
  const targets = { direct: { db: `${upstream.url}/${ctx.database}`, auth: ctx.targets.direct.auth, pid: null } };

  const proxy = await nginx.startProxy({ dir, upstream, authorization: ctx.targets.direct.auth, docPath });
  started.push(proxy);
  targets.nginx = { db: `${proxy.url}/database/${ctx.database}`, auth: null, pid: proxy.child.pid };

  const dataDir = path.join(ctx.workDir, 'couchgate-proxy-data');
  copySecrets(ctx.couchgateDataDir, dataDir);
  try {
    const instance = await ctx.startCouchgate('couchgate-proxy.log', {
      dataDir, couchUrl: upstream.url, jvmArgs: ctx.cfg.jfr ? jfr.JVM_ARGS : []
    });
    started.push(instance);
    const token = await couchgate.logIn(instance.url, ctx.appUser.username, ctx.appUser.password);
    targets.couchgate = { db: `${instance.url}/database/${ctx.database}`, auth: 'Bearer ' + token, pid: instance.child.pid };
  } catch (err) {
    targets.couchgate = { failed: err.message.split('\n')[0] };
  }

  try {
    const ref = await expressRef.start({
      workDir: dir, couchUrl: upstream.url, app: ctx.appUser, couchUser: ctx.directUser,
      database: ctx.database
    });
    started.push(ref);
    targets.ref = { db: `${ref.url}/database/${ctx.database}`, auth: 'Bearer ' + ref.token, pid: ref.child.pid };
  } catch (err) {
    targets.ref = { failed: err.message.split('\n')[0] };
  }
  // nginx checks no token; it gets couchgate's (or the reference's), so every proxy parses the same request bytes.
  targets.nginx.auth = targets.couchgate.auth || targets.ref.auth || 'Bearer none';
  return { targets, doc, dir };
}

/**
 * One GET through target: null when it answers the static document byte for byte with its ETag, else the problem.
 * Also notes target.framing: whether the answer kept the upstream's Content-Length.
 */
async function check(ctx, target, doc) {
  const answer = await request('GET', `${target.db}/${DOC_ID}`, { auth: target.auth });
  target.framing = answer.headers.get('content-length') === String(DOC_BYTES) ? 'Content-Length'
    : (answer.headers.get('transfer-encoding') || 'no length');
  if (answer.status !== 200 || answer.text !== doc.body) {
    return `GET of the static doc answered ${answer.status}, ${answer.text.length} characters: ${answer.text.slice(0, 120)}`;
  }
  if (answer.headers.get('etag') !== doc.etag) {
    return `GET of the static doc came without its ETag (${answer.headers.get('etag')})`;
  }
  return null;
}

function wrkOptions(ctx, target, duration) {
  return { url: `${target.db}/${DOC_ID}`, script: 'get.lua', connections: CONNECTIONS, duration,
    env: { BENCH_AUTH: target.auth } };
}

/** Warm-up, then the measured run with the CPU of target.pid's processes over it (not for direct). */
async function measure(ctx, target) {
  if (durationMs(ctx.cfg.warmup) > 0) {
    await runWrk(wrkOptions(ctx, target, ctx.cfg.warmup));
  }
  const meter = target.pid ? proc.cpuMeter(target.pid) : null;
  const result = await runWrk(wrkOptions(ctx, target, ctx.cfg.duration));
  const cpu = meter ? meter() : null;
  if (result.errorRate > MAX_ERROR_RATE) {
    return { failed: `${result.errors} of ${result.requests} requests failed (status ≥ 400 or socket errors)` };
  }
  return cpu ? { ...result, cpu, cpuUs: ((cpu.user + cpu.system) * 1e6) / result.requests } : result;
}

/** BENCH_JFR=1: one more run, unmeasured, with a JFR recording of couchgate; its summary goes to ctx.profileText. */
async function profile(ctx, target, dir) {
  const file = path.join(dir, 'couchgate-proxy.jfr');
  const name = 'bench-proxy';
  ctx.log(`  BENCH_JFR=1: profiling couchgate for ${ctx.cfg.duration} (an extra run, not measured) into ${file}`);
  try {
    await jfr.startRecording(target.pid, name, file);
    try {
      await runWrk(wrkOptions(ctx, target, ctx.cfg.duration));
    } finally {
      await jfr.stopRecording(target.pid, name);
    }
    ctx.profileText = await jfr.summarise(file);
    fs.writeFileSync(path.join(dir, 'couchgate-proxy-jfr.txt'), ctx.profileText + '\n');
  } catch (err) {
    ctx.problems.push(`scenario 8: the JFR profile failed: ${err.message}`);
  }
}

async function measureAll(ctx, targets, doc, dir) {
  const results = {};
  for (const name of ORDER) {
    const target = targets[name];
    if (target.failed) {
      results[name] = { failed: `${LABELS[name]} did not start: ${target.failed}` };
    } else {
      try {
        const problem = await check(ctx, target, doc);
        results[name] = problem ? { failed: problem } : await measure(ctx, target);
      } catch (err) {
        results[name] = { failed: err.message.split('\n')[0] };
      }
    }
    const r = results[name];
    ctx.log(`  ${LABELS[name]} ${CONNECTIONS} conn: ${r.failed || `${fmt(r.rps, 0)} req/s`
      + (r.cpuUs ? `, ${fmt(r.cpuUs, 0)} µs CPU per request` : '')}`);
    if (name === 'couchgate' && ctx.cfg.jfr && !r.failed) {
      await profile(ctx, target, dir);
    }
  }
  return results;
}

const ok = (r) => r && !r.failed;

function resultRows(ctx, targets, results) {
  const s = 8;
  const label = `static upstream (nginx), GET 1 KiB doc, ${CONNECTIONS} conn`;
  const each = (fn) => ORDER.map((name) => `${LABELS[name]} ${ok(results[name]) ? fn(results[name]) : 'n/a'}`).join(' / ');
  const proxies = ORDER.filter((name) => name !== 'direct');
  const why = (...names) => names.map((n) => results[n]).filter((r) => !ok(r)).map((r) => r.failed).join('; ');
  const framing = proxies.filter((n) => targets[n].framing).map((n) => `${LABELS[n]} ${targets[n].framing}`).join(', ');
  const cpuNote = proxies.filter((n) => ok(results[n]))
    .map((n) => `${LABELS[n]} user ${fmt(results[n].cpu.user, 2)} s + system ${fmt(results[n].cpu.system, 2)} s `
      + `over ${results[n].requests} requests (${results[n].cpu.pids} process${results[n].cpu.pids > 1 ? 'es' : ''})`)
    .join('; ');
  const rows = [row(s, `${label}: req/s`, each((r) => fmt(r.rps, 0)), '', undefined,
    `framing of the answer to the client: ${framing || 'n/a'}`)];
  rows.push(row(s, `${label}: proxy CPU per request (µs)`, proxies.map((n) => `${LABELS[n]} `
    + `${ok(results[n]) ? fmt(results[n].cpuUs, 0) : 'n/a'}`).join(' / '), '', undefined,
    `user + system of the proxy's own processes (/proc/<pid>/stat, 10 ms ticks; couchgate's whole JVM, JIT and GC `
    + `included; nginx master + worker) over the measured run ÷ its requests: ${cpuNote || 'n/a'}`));
  const cg = results.couchgate;
  if (ok(cg) && ok(results.nginx)) {
    const ratio = cg.cpuUs / results.nginx.cpuUs;
    rows.push(row(s, `${label}: CPU per request couchgate ÷ nginx`, fmt(ratio), `≤ ${CPU_LIMIT}`, ratio <= CPU_LIMIT));
  } else {
    rows.push(row(s, `${label}: CPU per request couchgate ÷ nginx`, 'n/a', `≤ ${CPU_LIMIT}`, null, why('couchgate', 'nginx')));
  }
  if (ok(cg) && ok(results.ref)) {
    const ratio = cg.rps / results.ref.rps;
    rows.push(row(s, `${label}: req/s couchgate ÷ express-ref`, fmt(ratio), `≥ ${RATE_MINIMUM}`, ratio >= RATE_MINIMUM));
  } else {
    rows.push(row(s, `${label}: req/s couchgate ÷ express-ref`, 'n/a', `≥ ${RATE_MINIMUM}`, null, why('couchgate', 'ref')));
  }
  const direct = results.direct;
  const latency = `${label}: latency added vs direct, p50 / p99 (ms)`;
  if (ok(cg) && ok(direct)) {
    const added = (n) => `${LABELS[n]} ${fmt(results[n].p50Ms - direct.p50Ms)} / ${fmt(results[n].p99Ms - direct.p99Ms)}`;
    const p99 = cg.p99Ms - direct.p99Ms;
    rows.push(row(s, latency, `couchgate ${fmt(cg.p50Ms - direct.p50Ms)} / ${fmt(p99)}`, `p99 added ≤ ${P99_LIMIT_MS} ms`,
      p99 <= P99_LIMIT_MS, `direct p50 ${fmt(direct.p50Ms)} p99 ${fmt(direct.p99Ms)}; added: `
        + proxies.filter((n) => ok(results[n])).map(added).join(', ')));
  } else {
    rows.push(row(s, latency, 'n/a', `p99 added ≤ ${P99_LIMIT_MS} ms`, null, why('couchgate', 'direct')));
  }
  return rows;
}

/** Scenario 8; appends its rows to ctx.rows. Needs the first couchgate's data dir (its secrets); stops all it starts. */
async function proxyOnly(ctx) {
  const label = `static upstream (nginx), GET 1 KiB doc, ${CONNECTIONS} conn`;
  ctx.log(`scenario 8: proxies alone, ${label}`);
  if (!ctx.targets.couchgate) {
    ctx.rows.push(row(8, label, 'n/a', '', null, ctx.couchgateProblem));
    return;
  }
  const started = [];
  try {
    const { targets, doc, dir } = await setUp(ctx, started);
    if (!targets.couchgate.failed) {
      ctx.log(`  warming this scenario's couchgate's JIT up for ${ctx.cfg.jvmWarmup} (not measured)`);
      await runWrk(wrkOptions(ctx, targets.couchgate, ctx.cfg.jvmWarmup))
        .catch((err) => ctx.log(`  warm-up failed: ${err.message}`));
    }
    const results = await measureAll(ctx, targets, doc, dir);
    ctx.rows.push(...resultRows(ctx, targets, results));
    ORDER.filter((n) => results[n].failed).forEach((n) => ctx.problems.push(`scenario 8, ${LABELS[n]}: ${results[n].failed}`));
  } catch (err) {
    ctx.rows.push(row(8, label, 'n/a', '', null, err.message.split('\n')[0]));
    ctx.problems.push(`scenario 8: ${err.message}`);
  } finally {
    // Last started first, one at a time: couchgate's graceful stop deletes its session users through the upstream.
    for (const p of started.reverse()) {
      await proc.stop(p.child, 15000);
    }
  }
}

module.exports = { proxyOnly, staticDocument };
