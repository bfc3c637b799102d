'use strict';
// Scenarios 1 and 2: the same wrk load against CouchDB directly, through couchgate and through
// the Express reference, one after the other, each after its own warm-up; then the ratios.

const crypto = require('crypto');
const { request } = require('../lib/http');
const { warmAndRun } = require('../lib/wrk');
const { row, fmt } = require('../lib/report');

const ORDER = ['direct', 'couchgate', 'ref'];
const MAX_ERROR_RATE = 0.01;

async function measureAll(ctx, { script, path, connections, env, precheck }) {
  const results = {};
  for (const name of ORDER) {
    const target = ctx.targets[name];
    if (!target) {
      continue;
    }
    try {
      const problem = precheck ? await precheck(target) : null;
      if (problem) {
        throw new Error(problem);
      }
      const result = await warmAndRun({
        url: target.db + path, script, connections, duration: ctx.cfg.duration,
        env: { BENCH_AUTH: target.auth, ...env }
      }, ctx.cfg.warmup);
      results[name] = result.errorRate > MAX_ERROR_RATE
        ? { failed: `${result.errors} of ${result.requests} requests failed (status ≥ 400 or socket errors)` }
        : result;
    } catch (err) {
      results[name] = { failed: err.message };
    }
    ctx.log(`  ${target.label} ${connections} conn: ${results[name].failed || fmt(results[name].rps, 0) + ' req/s'}`);
  }
  return results;
}

function why(ctx, results, name) {
  if (results[name] && results[name].failed) {
    return `${ctx.targets[name].label}: ${results[name].failed}`;
  }
  return name === 'couchgate' ? ctx.couchgateProblem : ctx.refProblem;
}

function ratioRow(ctx, scenario, label, results, over, under, minimum) {
  const a = results[over];
  const b = results[under];
  const measure = `${label}: req/s ${ctx.names[over]} ÷ ${ctx.names[under]}`;
  if (!(a && b && !a.failed && !b.failed)) {
    const reason = !(a && !a.failed) ? why(ctx, results, over) : why(ctx, results, under);
    return row(scenario, measure, 'n/a', `≥ ${minimum}`, null, reason || 'not measured');
  }
  const ratio = a.rps / b.rps;
  return row(scenario, measure, fmt(ratio), `≥ ${minimum}`, ratio >= minimum);
}

function rateRow(ctx, scenario, label, results) {
  const value = ORDER.map((name) => {
    const r = results[name];
    return `${ctx.names[name]} ${r && !r.failed ? fmt(r.rps, 0) : 'n/a'}`;
  }).join(' / ');
  return row(scenario, `${label}: req/s`, value, '', undefined);
}

function latencyRow(ctx, scenario, label, results, p99Limit) {
  const cg = results.couchgate;
  const direct = results.direct;
  const target = p99Limit === undefined ? '' : `p99 added ≤ ${p99Limit} ms`;
  const measure = `${label}: latency added by couchgate vs direct, p50 / p99 (ms)`;
  if (!(cg && direct && !cg.failed && !direct.failed)) {
    return row(scenario, measure, 'n/a', target, p99Limit === undefined ? undefined : null,
      why(ctx, results, cg && !cg.failed ? 'direct' : 'couchgate') || 'not measured');
  }
  const p50 = cg.p50Ms - direct.p50Ms;
  const p99 = cg.p99Ms - direct.p99Ms;
  const note = `direct p50 ${fmt(direct.p50Ms)} p99 ${fmt(direct.p99Ms)}; couchgate p50 ${fmt(cg.p50Ms)} p99 ${fmt(cg.p99Ms)}`
    + (results.ref && !results.ref.failed ? `; express-ref p50 ${fmt(results.ref.p50Ms)} p99 ${fmt(results.ref.p99Ms)}` : '');
  return row(scenario, measure, `${fmt(p50)} / ${fmt(p99)}`, target,
    p99Limit === undefined ? undefined : p99 <= p99Limit, note);
}

/** Runs one load shape against all targets and appends its rows to ctx.rows. */
async function compare(ctx, { scenario, label, script, path, connections, env, p99Limit, precheck }) {
  ctx.log(`scenario ${scenario}: ${label}`);
  const results = await measureAll(ctx, { script, path, connections, env, precheck });
  ctx.rows.push(rateRow(ctx, scenario, label, results));
  ctx.rows.push(ratioRow(ctx, scenario, label, results, 'couchgate', 'direct', 0.8));
  ctx.rows.push(ratioRow(ctx, scenario, label, results, 'couchgate', 'ref', 1.5));
  ctx.rows.push(latencyRow(ctx, scenario, label, results, p99Limit));
}

/** The small document must come back whole (200, same id), or the load would measure errors. */
function readsDocument(ctx) {
  return async (target) => {
    const answer = await request('GET', `${target.db}/${ctx.smallDocId}`, { auth: target.auth });
    return answer.status === 200 && answer.json && answer.json._id === ctx.smallDocId
      ? null : `GET of the 1 KiB doc answered ${answer.status}: ${answer.text.slice(0, 200)}`;
  };
}

/** _bulk_docs answers 201 even when the validator refused every document: look inside. */
function writesDocuments(ctx) {
  return async (target) => {
    const tag = crypto.randomBytes(6).toString('hex');
    const docs = [1, 2].map((n) => ({
      _id: `${ctx.appUser.username}:check-${tag}-${n}`, owner: ctx.appUser.username, type: 'post', title: `check ${n}`
    }));
    const answer = await request('POST', `${target.db}/_bulk_docs`, { auth: target.auth, body: { docs } });
    const refused = Array.isArray(answer.json) ? answer.json.filter((r) => r.error) : [];
    return answer.status === 201 && Array.isArray(answer.json) && refused.length === 0
      ? null : `_bulk_docs check answered ${answer.status}: ${answer.text.slice(0, 200)}`;
  };
}

/** Scenario 1: GET of a 1 KiB document at 16 and 64 connections. */
async function smallDocGet(ctx) {
  const path = '/' + ctx.smallDocId;
  const precheck = readsDocument(ctx);
  await compare(ctx, { scenario: 1, label: 'GET 1 KiB doc, 16 conn', script: 'get.lua', path, connections: 16, p99Limit: 2, precheck });
  await compare(ctx, { scenario: 1, label: 'GET 1 KiB doc, 64 conn', script: 'get.lua', path, connections: 64, precheck });
}

/** Scenario 2: _bulk_docs of 100 new documents per request at 8 connections. */
async function bulkWrites(ctx) {
  await compare(ctx, {
    scenario: 2, label: '_bulk_docs ×100, 8 conn', script: 'bulk.lua', path: '/_bulk_docs', connections: 8,
    env: { BENCH_OWNER: ctx.appUser.username }, precheck: writesDocuments(ctx)
  });
}

module.exports = { smallDocGet, bulkWrites, readsDocument };
