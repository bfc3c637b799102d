'use strict';
// Scenario 5: logins per second (PUT /api/sessions, default Argon2id parameters) at 4
// connections, and the median time of a request that does little but verify the token.
//
// The logins are those of a user of their own (`<bench user>-login`, signed up here): every login past couchgate's
// session cap (20 per user) ends that user's oldest session, so logging the bench user in hundreds of times would end
// the bench token that the token check (and the later scenarios) use.

const { runWrk, warmAndRun } = require('../lib/wrk');
const { row, fmt } = require('../lib/report');
const couchgate = require('../lib/couchgate');

/** The user whose logins are measured: signed up once, never the bench user. */
async function loginUser(ctx) {
  const user = { username: `${ctx.appUser.username}-login`, password: couchgate.strongPassword() };
  await couchgate.signUpAndLogIn(ctx.couchgate.url, user.username, user.password);
  return user;
}

async function logins(ctx) {
  const label = 'login PUT /api/sessions, 4 conn: logins/s (2xx answers only)';
  const user = await loginUser(ctx);
  const result = await warmAndRun({
    url: `${ctx.couchgate.url}/api/sessions`, script: 'login.lua', connections: 4, duration: ctx.cfg.duration,
    env: { BENCH_USERNAME: user.username, BENCH_PASSWORD: user.password }
  }, ctx.cfg.warmup);
  const ok = result.requests - result.errors;
  const perSecond = ok / (result.raw.duration_us / 1e6);
  const note = `${result.requests} requests, ${result.errors} failed (status ≥ 400, e.g. 429 from the rate limit, `
    + `or socket errors); p50 ${fmt(result.p50Ms, 1)} ms, p99 ${fmt(result.p99Ms, 1)} ms`;
  ctx.rows.push(row(5, label, fmt(perSecond, 1), '', undefined, note));
}

async function tokenCheck(ctx) {
  const label = 'token check: p50 of GET /api/sessions/current, 1 conn (ms)';
  const result = await runWrk({
    url: `${ctx.couchgate.url}/api/sessions/current`, script: 'get.lua', connections: 1,
    duration: ctx.cfg.tokenCheckDuration, env: { BENCH_AUTH: ctx.targets.couchgate.auth }
  });
  if (result.errorRate > 0.01) {
    throw new Error(`GET /api/sessions/current: ${result.errors} of ${result.requests} failed`);
  }
  ctx.rows.push(row(5, label, fmt(result.p50Ms, 3), '', undefined,
    'an upper bound of token verification: includes HTTP parsing, JWT verify and the session look-up, no CouchDB call; '
    + `${result.requests} requests, p99 ${fmt(result.p99Ms, 3)} ms`));
}

/** Scenario 5; appends its rows to ctx.rows. */
async function login(ctx) {
  ctx.log('scenario 5: logins');
  if (!ctx.targets.couchgate) {
    ctx.rows.push(row(5, 'logins/s at 4 conn; token check time', 'n/a', '', null, ctx.couchgateProblem));
    return;
  }
  for (const step of [logins, tokenCheck]) {
    try {
      await step(ctx);
    } catch (err) {
      ctx.rows.push(row(5, step === logins ? 'logins/s at 4 conn' : 'token check time', 'n/a', '', null, err.message));
    }
  }
}

module.exports = { login };
