'use strict';
// Small HTTP helpers over Node's fetch, for set-up and checks (never for load).

const { sleep } = require('./proc');

// Hosts besides loopback that may be loaded: only the one BENCH_COUCHDB_URL names (the operator's own choice).
const allowedHosts = new Set();

/** Lets requests and load go to url's host too (BENCH_COUCHDB_URL's CouchDB), besides loopback. */
function allowHostOf(url) {
  allowedHosts.add(new URL(url).host);
}

/** Only loopback targets (and the host allowHostOf named) may be load-tested here; throws for any other URL. */
function assertLoopback(url) {
  const { hostname: host, host: hostAndPort } = new URL(url);
  if (!(host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host) || allowedHosts.has(hostAndPort))) {
    throw new Error(`refusing a non-loopback target: ${url}`);
  }
  return url;
}

function basic(user, password) {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

/**
 * One request. body (an object) is sent as JSON with Content-Type: application/json.
 * Resolves {status, json, text, headers}; rejects only when no answer came within timeoutMs.
 */
async function request(method, url, { auth, body, headers = {}, timeoutMs = 30000 } = {}) {
  assertLoopback(url);
  const all = { accept: 'application/json', ...headers };
  if (auth) {
    all.authorization = auth;
  }
  let payload;
  if (body !== undefined) {
    all['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, {
    method, headers: all, body: payload, signal: AbortSignal.timeout(timeoutMs)
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}

/** Like request, but throws with the answer unless the status is one of expected. */
async function expect(expected, method, url, options) {
  const answer = await request(method, url, options);
  if (!expected.includes(answer.status)) {
    throw new Error(`${method} ${url} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  return answer;
}

/**
 * Polls url until it answers 200, the child died, or deadlineMs passed.
 * Resolves the milliseconds waited; rejects with the reason.
 */
async function waitFor200(url, { child, deadlineMs = 60000, intervalMs = 50 } = {}) {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() - started < deadlineMs) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`process exited (${child.signalCode || 'status ' + child.exitCode}) before ${url} answered`);
    }
    try {
      const answer = await request('GET', url, { timeoutMs: 2000 });
      if (answer.status === 200) {
        return Date.now() - started;
      }
      last = `status ${answer.status}: ${answer.text.slice(0, 200)}`;
    } catch (err) {
      last = err.cause ? err.cause.code || err.message : err.message;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer 200 within ${deadlineMs} ms (last: ${last})`);
}

module.exports = { allowHostOf, assertLoopback, basic, request, expect, waitFor200 };
