'use strict';
// Starts the Express reference (../express-ref/server.js) and logs in to it.

const crypto = require('crypto');
const path = require('path');
const proc = require('./proc');
const { expect, waitFor200 } = require('./http');

const SERVER = path.join(__dirname, '..', 'express-ref', 'server.js');

/**
 * Starts the reference for app user app ({username, password}) with the CouchDB user couchUser
 * ({name, password}); resolves {url, child, token}.
 */
async function start({ workDir, couchUrl, app, couchUser, database }) {
  const port = await proc.freePort();
  const env = {
    REF_PORT: String(port), REF_COUCHDB_URL: couchUrl, REF_USERNAME: app.username, REF_PASSWORD: app.password,
    REF_COUCH_USER: couchUser.name, REF_COUCH_PASSWORD: couchUser.password, REF_DATABASES: database,
    REF_JWT_SECRET: crypto.randomBytes(32).toString('base64url'), REF_EXIT_ON_STDIN_CLOSE: '1',
    NODE_ENV: 'production'
  };
  const logFile = path.join(workDir, 'express-ref.log');
  const child = proc.start(process.execPath, [SERVER], { cwd: path.dirname(SERVER), env, logFile, holdStdin: true });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(url + '/health', { child, deadlineMs: 20000 });
  } catch (err) {
    await proc.stop(child);
    throw new Error(`${err.message}\n${proc.tail(logFile, 8)}`);
  }
  const answer = await expect([201], 'PUT', `${url}/api/sessions`, { body: { username: app.username, password: app.password } });
  return { url, child, token: answer.json.token };
}

module.exports = { start };
