'use strict';
// The dev CouchDB (PouchDB Server, pinned in scripts/dev-couchdb) for one benchmark run:
// a fresh working directory with its own config file, databases on disk (--dir, not
// --in-memory: large attachments would otherwise live in the server's heap twice).

const fs = require('fs');
const path = require('path');
const proc = require('./proc');
const { basic, expect, request, waitFor200 } = require('./http');

/**
 * Starts the dev server in workDir/couchdb on a free port; resolves {url, child, version, compatibility}
 * (compatibility: couchgate.couchdb.compatibility for it, always pouchdb-server).
 */
async function startDevCouchDb(repo, workDir) {
  const dir = path.join(workDir, 'couchdb');
  fs.mkdirSync(path.join(dir, 'db'), { recursive: true });
  const port = await proc.freePort();
  const serverArgs = ['--port', String(port), '--host', '127.0.0.1', '--dir', path.join(dir, 'db'),
    '--config', path.join(dir, 'config.json'), '--no-stdout-logs'];
  const launcher = path.join(repo, 'scripts/dev-couchdb/launcher.js');
  const direct = path.join(repo, 'scripts/dev-couchdb/node_modules/.bin/pouchdb-server');
  const useLauncher = fs.existsSync(launcher);
  const child = useLauncher
    ? proc.start(process.execPath, [launcher, ...serverArgs], { cwd: dir, logFile: path.join(workDir, 'couchdb.log'), holdStdin: true })
    : proc.start(direct, serverArgs, { cwd: dir, logFile: path.join(workDir, 'couchdb.log') });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(url + '/', { child, deadlineMs: 30000 });
  } catch (err) {
    throw new Error(`the dev CouchDB did not start: ${err.message}\n${proc.tail(child.logFile)}`);
  }
  const welcome = (await request('GET', url + '/')).json;
  const version = `PouchDB Server ${welcome.version}` + (useLauncher ? ' (via launcher.js)' : '');
  return { url, child, version, compatibility: 'pouchdb-server' };
}

/**
 * A CouchDB the run does not start (BENCH_COUCHDB_URL): checks that it answers as CouchDB and that admin is a server
 * admin there. Resolves {url, child: null, version, external: true, compatibility} (compatibility: pouchdb-server
 * when the welcome names express-pouchdb, else couchdb); rejects with the reason.
 */
async function connectExternal(url, admin) {
  let welcome;
  try {
    welcome = await request('GET', url + '/');
  } catch (err) {
    throw new Error(`BENCH_COUCHDB_URL=${url} did not answer: ${err.cause ? err.cause.code || err.message : err.message}`);
  }
  if (welcome.status !== 200 || !welcome.json || !welcome.json.version) {
    throw new Error(`BENCH_COUCHDB_URL=${url}: GET / answered ${welcome.status}, not CouchDB's welcome`);
  }
  const session = await request('GET', url + '/_session', { auth: basic(admin.name, admin.password) });
  const roles = session.json && session.json.userCtx && session.json.userCtx.roles;
  if (session.status !== 200 || !Array.isArray(roles) || !roles.includes('_admin')) {
    throw new Error(`BENCH_COUCHDB_ADMIN_USER ${admin.name} is not a server admin of ${url} (GET /_session answered `
      + `${session.status}, roles ${JSON.stringify(roles || null)})`);
  }
  const vendor = welcome.json.couchdb === 'Welcome' && !welcome.json['express-pouchdb'] ? 'CouchDB' : 'CouchDB-compatible';
  const compatibility = welcome.json['express-pouchdb'] ? 'pouchdb-server' : 'couchdb';
  return { url, child: null, version: `${vendor} ${welcome.json.version} (BENCH_COUCHDB_URL)`, external: true,
    compatibility };
}

/**
 * Creates a server admin while the server is in admin party: the CouchDB 3 path first
 * (/_node/_local/_config), then the 1.x path the dev server has (/_config).
 */
async function createAdmin(url, name, password) {
  for (const prefix of ['/_node/_local/_config', '/_config']) {
    const answer = await request('PUT', `${url}${prefix}/admins/${encodeURIComponent(name)}`, { body: password });
    if (answer.status === 200) {
      return;
    }
  }
  throw new Error(`could not create the CouchDB admin ${name}`);
}

/**
 * Creates a CouchDB user (in _users) with the given roles, or gives an existing one (an earlier run against the same
 * BENCH_COUCHDB_URL) this password and these roles; admin is {name, password}.
 */
async function createUser(url, admin, name, password, roles) {
  const id = 'org.couchdb.user:' + name;
  const auth = basic(admin.name, admin.password);
  const docUrl = `${url}/_users/${encodeURIComponent(id)}`;
  const existing = await request('GET', docUrl, { auth });
  const body = { _id: id, name, password, type: 'user', roles };
  if (existing.status === 200) {
    body._rev = existing.json._rev;
  }
  await expect([201, 202], 'PUT', docUrl, { auth, body });
}

/**
 * Makes sure the app database exists with members role end_user. couchgate does this itself
 * on start; the benchmark does it only when couchgate did not start, so that the direct and
 * the reference columns still run.
 */
async function ensureAppDatabase(url, admin, db) {
  const auth = basic(admin.name, admin.password);
  const info = await request('GET', `${url}/${db}`, { auth });
  if (info.status === 200) {
    return false;
  }
  await expect([201, 202], 'PUT', `${url}/${db}`, { auth });
  await expect([200], 'PUT', `${url}/${db}/_security`, {
    auth, body: { admins: { names: [admin.name], roles: [] }, members: { names: [], roles: ['end_user'] } }
  });
  return true;
}

/** Stores one document of about sizeBytes (a "text" field of filler) with the owner field. */
async function seedDocument(url, auth, db, id, owner, sizeBytes) {
  const body = { _id: id, owner, type: 'post', title: 'benchmark document' };
  body.text = 'x'.repeat(Math.max(0, sizeBytes - JSON.stringify(body).length - 12));
  const existing = await request('GET', `${url}/${db}/${encodeURIComponent(id)}`, { auth });
  if (existing.status === 200) {
    body._rev = existing.json._rev;
  }
  await expect([201, 202], 'PUT', `${url}/${db}/${encodeURIComponent(id)}`, { auth, body });
}

module.exports = { startDevCouchDb, connectExternal, createAdmin, createUser, ensureAppDatabase, seedDocument };
