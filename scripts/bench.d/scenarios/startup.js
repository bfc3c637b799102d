'use strict';
// Scenario 6: couchgate's start-up time with many stale session users (of an earlier
// instance) in _users, which every start purges.

const crypto = require('crypto');
const proc = require('../lib/proc');
const { basic, expect } = require('../lib/http');
const { row, fmt } = require('../lib/report');

const PREFIX = 'org.couchdb.user:users/';
const BATCH = 1000;

function sessionId22() {
  return crypto.randomBytes(16).toString('base64url');
}

/** Writes count stale session users as the admin, in _bulk_docs batches of 1,000. */
async function createStaleUsers(ctx, count) {
  const auth = basic(ctx.admin.name, ctx.admin.password);
  const instance = crypto.randomUUID();
  for (let from = 0; from < count; from += BATCH) {
    const docs = [];
    for (let n = from; n < Math.min(count, from + BATCH); n += 1) {
      const name = `users/${instance}/bench${n}/${sessionId22()}`;
      docs.push({ _id: 'org.couchdb.user:' + name, name, type: 'user', roles: ['end_user', `user:bench${n}`],
        couchgate_expires_at: Date.now() - 3600000 });
    }
    const answer = await expect([201], 'POST', `${ctx.couch.url}/_users/_bulk_docs`, { auth, body: { docs }, timeoutMs: 120000 });
    const refused = answer.json.filter((r) => r.error);
    if (refused.length > 0) {
      throw new Error(`_users refused ${refused.length} stale users, e.g. ${JSON.stringify(refused[0])}`);
    }
  }
}

/** How many session users (any instance) _users holds now. */
async function countSessionUsers(ctx) {
  const auth = basic(ctx.admin.name, ctx.admin.password);
  const keys = `startkey=${encodeURIComponent(JSON.stringify(PREFIX))}&endkey=${encodeURIComponent(JSON.stringify(PREFIX + '\ufff0'))}`;
  const answer = await expect([200], 'GET', `${ctx.couch.url}/_users/_all_docs?${keys}`, { auth, timeoutMs: 60000 });
  return answer.json.rows.length;
}

/** Polls until no session user is left; ms is when the check that found none began (0: the first). */
async function waitForPurge(ctx, deadlineMs) {
  const started = Date.now();
  let checkedAt = 0;
  let left = await countSessionUsers(ctx);
  while (left > 0 && Date.now() - started < deadlineMs) {
    await proc.sleep(500);
    checkedAt = Date.now() - started;
    left = await countSessionUsers(ctx);
  }
  return { left, ms: checkedAt };
}

async function measure(ctx, count) {
  await proc.stop(ctx.couchgate.child, 15000);
  await createStaleUsers(ctx, count);
  const before = await countSessionUsers(ctx);
  const restarted = await ctx.startCouchgate('couchgate-restart.log');
  ctx.couchgate = restarted;
  const purge = await waitForPurge(ctx, ctx.cfg.purgeDeadlineMs);
  return { before, startMs: restarted.startMs, purge };
}

/** Scenario 6; appends its rows to ctx.rows (the first start's row is added by bench.js). */
async function startup(ctx) {
  const count = ctx.cfg.staleUsers;
  const label = `restart with ${count} stale session users: java -jar → first /health 200 (s)`;
  ctx.log(`scenario 6: ${label}`);
  if (!ctx.targets.couchgate) {
    ctx.rows.push(row(6, label, 'n/a', '', null, ctx.couchgateProblem));
    return;
  }
  try {
    const m = await measure(ctx, count);
    ctx.rows.push(row(6, label, fmt(m.startMs / 1000, 2), '', undefined,
      `${m.before} session users in _users before the start (the benchmark's ${count} plus the run's own logins)`));
    const purged = m.purge.left === 0;
    ctx.rows.push(row(6, 'stale session users gone after the first /health 200 (s)',
      purged ? fmt(m.purge.ms / 1000, 2) : `not within ${fmt(ctx.cfg.purgeDeadlineMs / 1000, 0)} s`, '', undefined,
      purged ? '0: none was left at the first check, right after /health answered; polled every 0.5 s'
        : `${m.purge.left} still there`));
  } catch (err) {
    ctx.rows.push(row(6, label, 'n/a', '', null, err.message.split('\n')[0]));
    ctx.problems.push(err.message);
  }
}

module.exports = { startup, countSessionUsers };
