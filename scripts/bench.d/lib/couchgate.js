'use strict';
// couchgate under test: the packaged jar with default JVM settings (plain `java -jar`),
// its own data directory, pointed at the benchmark's dev CouchDB.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const proc = require('./proc');
const { expect, waitFor200 } = require('./http');

/** A password the policy accepts: 24 random characters from a 62-letter alphabet (~143 bits). */
function strongPassword() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.randomBytes(24), (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Starts `java [jvmArgs] -jar jar` and waits for GET /health → 200. extraArgs: more `-key=value` settings, after the
 * defaults. Resolves {url, child, port, startMs} (startMs: from spawn to the first 200);
 * rejects with the reason and the log's last lines.
 */
async function startCouchgate({
  jar, couchUrl, dataDir, logFile, bootstrapAdmin, compatibility = 'couchdb', extraArgs = [], jvmArgs = [],
  deadlineMs = 180000
}) {
  if (!fs.existsSync(jar)) {
    throw new Error(`no jar at ${jar}`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await proc.freePort();
  const env = {
    COUCHGATE_COUCHDB_URL: couchUrl,
    COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_USER: bootstrapAdmin.name,
    COUCHGATE_COUCHDB_BOOTSTRAP_ADMIN_PASSWORD: bootstrapAdmin.password,
    COUCHGATE_COUCHDB_COMPATIBILITY: compatibility
  };
  // Scenario 5 logs one user in as fast as it can: lift the per-user limit on successful logins (default 30 in
  // 15 minutes) so that it measures Argon2id, not the limit. The session cap still ends the oldest sessions.
  // Several couchgates run at once (scenarios 7 and 8): each takes a free management (metrics) port, not 8081.
  const args = [...jvmArgs, '-jar', jar, `-couchgate.data-dir=${dataDir}`, `-micronaut.server.port=${port}`,
    '-couchgate.management.port=0', '-couchgate.login.successes-per-user=1000000000', ...extraArgs];
  const started = process.hrtime.bigint();
  const child = proc.start('java', args, { cwd: path.dirname(dataDir), env, logFile });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(url + '/health', { child, deadlineMs, intervalMs: 20 });
  } catch (err) {
    await proc.stop(child);
    throw new Error(`couchgate did not start: ${err.message}\n${proc.tail(logFile, 8)}`);
  }
  const startMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { url, child, port, startMs };
}

/** Signs the benchmark user up (PUT /api/users) and logs in; resolves the token. */
async function signUpAndLogIn(url, username, password) {
  await expect([201], 'PUT', `${url}/api/users`, { body: { username, password } });
  return logIn(url, username, password);
}

/** PUT /api/sessions; resolves the Bearer token. */
async function logIn(url, username, password) {
  return (await logInSession(url, username, password)).token;
}

/** PUT /api/sessions; resolves its answer {token, expiresAt, ...}. */
async function logInSession(url, username, password) {
  const answer = await expect([201], 'PUT', `${url}/api/sessions`, { body: { username, password } });
  if (!answer.json || typeof answer.json.token !== 'string') {
    throw new Error(`PUT /api/sessions answered 201 without a token: ${answer.text.slice(0, 200)}`);
  }
  return answer.json;
}

/** couchgate's version: the root pom's own <version> (the one after </parent>). */
function pomVersion(repo) {
  const pom = fs.readFileSync(path.join(repo, 'pom.xml'), 'utf8');
  const afterParent = pom.slice(pom.indexOf('</parent>') + 1);
  const match = /<version>([^<]+)<\/version>/.exec(afterParent);
  return match ? match[1] : 'unknown';
}

module.exports = { startCouchgate, signUpAndLogIn, logIn, logInSession, strongPassword, pomVersion };
