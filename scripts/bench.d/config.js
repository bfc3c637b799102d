'use strict';
// The benchmark's settings, from the environment. BENCH_DURATION shorter than 20s is a smoke
// run: every other default shrinks with it unless set explicitly.

const { durationMs } = require('./lib/wrk');

function bounded(name, value, min, max) {
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw new Error(`${name}=${value} is outside ${min}..${max}`);
  }
  return number;
}

/**
 * Scenario 7's second instance: couchdb (the measure). memory only checks the harness itself, on a jar that
 * refuses the durable mode: the row then compares two memory-mode instances.
 */
function durableStore(value) {
  const store = value || 'couchdb';
  if (store !== 'couchdb' && store !== 'memory') {
    throw new Error(`BENCH_DURABLE_STORE=${value}: use couchdb (the default) or memory (a harness check only)`);
  }
  return store;
}

/**
 * BENCH_COUCHDB_URL with BENCH_COUCHDB_ADMIN_USER and BENCH_COUCHDB_ADMIN_PASSWORD: a running CouchDB (3) to measure
 * against instead of the dev server the run starts itself. null when BENCH_COUCHDB_URL is unset.
 */
function externalCouchDb(env) {
  const url = env.BENCH_COUCHDB_URL;
  if (!url) {
    if (env.BENCH_COUCHDB_ADMIN_USER || env.BENCH_COUCHDB_ADMIN_PASSWORD) {
      throw new Error('BENCH_COUCHDB_ADMIN_USER/_PASSWORD are set without BENCH_COUCHDB_URL');
    }
    return null;
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch (err) {
    throw new Error(`BENCH_COUCHDB_URL=${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' || parsed.pathname !== '/' || parsed.search || parsed.username) {
    throw new Error(`BENCH_COUCHDB_URL=${url}: use http://host:port (no path, query or credentials in the URL)`);
  }
  if (!env.BENCH_COUCHDB_ADMIN_USER || !env.BENCH_COUCHDB_ADMIN_PASSWORD) {
    throw new Error('BENCH_COUCHDB_URL needs BENCH_COUCHDB_ADMIN_USER and BENCH_COUCHDB_ADMIN_PASSWORD (a server admin)');
  }
  return {
    url: parsed.origin,
    admin: { name: env.BENCH_COUCHDB_ADMIN_USER, password: env.BENCH_COUCHDB_ADMIN_PASSWORD }
  };
}

/** Reads BENCH_* variables; throws with a clear message for a bad value. */
function readConfig(env) {
  const duration = env.BENCH_DURATION || '20s';
  const durationMillis = bounded('BENCH_DURATION (ms)', durationMs(duration), 1000, 300000);
  const smoke = durationMillis < 20000;
  const cfg = {
    duration,
    smoke,
    warmup: env.BENCH_WARMUP || (smoke ? `${Math.max(1000, Math.round(durationMillis / 4))}ms` : '5s'),
    jvmWarmup: env.BENCH_JVM_WARMUP || (smoke ? `${Math.max(2000, Math.round(durationMillis / 2))}ms` : '15s'),
    tokenCheckDuration: smoke ? duration : '10s',
    feeds: bounded('BENCH_FEEDS', env.BENCH_FEEDS || (smoke ? 100 : 1000), 1, 5000),
    feedHoldMs: bounded('BENCH_FEED_HOLD (ms)', durationMs(env.BENCH_FEED_HOLD || (smoke ? `${3 * durationMillis}ms` : '60s')), 0, 300000),
    attachmentMiB: bounded('BENCH_ATTACHMENT_MIB', env.BENCH_ATTACHMENT_MIB || (smoke ? 16 : 48), 1, 1024),
    downloadWarmup: bounded('BENCH_DOWNLOAD_WARMUP', env.BENCH_DOWNLOAD_WARMUP ?? (smoke ? 5 : 100), 0, 1000),
    downloadRounds: bounded('BENCH_DOWNLOAD_ROUNDS', env.BENCH_DOWNLOAD_ROUNDS ?? (smoke ? 3 : 11), 1, 101),
    abortRounds: bounded('BENCH_ABORT_ROUNDS', env.BENCH_ABORT_ROUNDS ?? (smoke ? 3 : 5), 1, 51),
    staleUsers: bounded('BENCH_STALE_USERS', env.BENCH_STALE_USERS || 10000, 0, 100000),
    purgeDeadlineMs: 120000,
    scenarios: new Set((env.BENCH_SCENARIOS || '1,2,3,4,5,6,7,8,9').split(',').map((s) => Number(s.trim()))),
    durableStore: durableStore(env.BENCH_DURABLE_STORE),
    couchdb: externalCouchDb(env),
    jfr: env.BENCH_JFR === '1',
    keep: env.BENCH_KEEP === '1' || env.BENCH_JFR === '1',
    writeDoc: env.BENCH_WRITE_DOC !== '0',
    jar: env.BENCH_JAR || null
  };
  durationMs(cfg.warmup);
  durationMs(cfg.jvmWarmup);
  return cfg;
}

function describe(cfg) {
  return `BENCH_DURATION=${cfg.duration}, warm-up ${cfg.warmup} per run (couchgate's JIT once more: ${cfg.jvmWarmup}), feeds ${cfg.feeds} held ${cfg.feedHoldMs / 1000} s, `
    + `attachment ${cfg.attachmentMiB} MiB (${cfg.downloadWarmup} unmeasured downloads first), `
    + `stale users ${cfg.staleUsers}, abort/revocation rounds ${cfg.abortRounds}, scenarios ${[...cfg.scenarios].join(',')}`
    + (cfg.couchdb ? `; CouchDB: BENCH_COUCHDB_URL=${cfg.couchdb.url}` : '; CouchDB: the dev server')
    + (cfg.jfr ? '; BENCH_JFR=1 (an extra, unmeasured profiled run in scenario 8)' : '')
    + (cfg.durableStore === 'couchdb' ? ''
      : ` (BENCH_DURABLE_STORE=${cfg.durableStore}: scenario 7 is a harness check)`)
    + `; couchgate: java -jar with default JVM settings; wrk 2 threads`;
}

module.exports = { readConfig, describe };
