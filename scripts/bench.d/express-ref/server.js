'use strict';
// The benchmark's reference server: couchgate's design (sessions as signed tokens, CouchDB
// credentials injected on the way through) built the way a Node.js team would build it:
// Express, http-proxy-middleware, jsonwebtoken and an in-memory session map, one process.
//
// Environment:
//   REF_PORT            port to listen on (127.0.0.1 only)
//   REF_COUCHDB_URL     CouchDB, e.g. http://127.0.0.1:5984
//   REF_USERNAME        the one app user this reference accepts (the benchmark's fixed user)
//   REF_PASSWORD        its password
//   REF_COUCH_USER      the CouchDB user whose credentials sessions get (created by the benchmark)
//   REF_COUCH_PASSWORD  its CouchDB password
//   REF_JWT_SECRET      HS256 key (at least 32 characters)
//   REF_DATABASES       comma-separated databases reachable under /database (default "posts")
//   REF_EXIT_ON_STDIN_CLOSE=1  exit when standard input closes (the benchmark holds it open)
//
// What it leaves out, on purpose: password hashing and user sign-up (the benchmark's login
// compares with one configured password), a CouchDB user per session (every session shares
// REF_COUCH_USER) and session expiry sweeps. It is a yardstick for the proxy path, not a product.

const crypto = require('crypto');
const http = require('http');
const express = require('express');
const jwt = require('jsonwebtoken');
const { createProxyMiddleware } = require('http-proxy-middleware');

const config = readConfig(process.env);
const sessions = new Map();
const app = express();
app.disable('x-powered-by');

app.get('/health', (req, res) => res.json({ status: 'UP' }));
app.post('/api/sessions', express.json(), logIn);
app.put('/api/sessions', express.json(), logIn);
app.use('/database', authenticate, refuseServerPaths, proxyTo(config));

const server = app.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`express-ref listening on http://127.0.0.1:${config.port}\n`);
});
server.keepAliveTimeout = 65000;
if (process.env.REF_EXIT_ON_STDIN_CLOSE === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}

function readConfig(env) {
  const required = ['REF_PORT', 'REF_COUCHDB_URL', 'REF_USERNAME', 'REF_PASSWORD',
    'REF_COUCH_USER', 'REF_COUCH_PASSWORD', 'REF_JWT_SECRET'];
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) {
    process.stderr.write(`express-ref: missing environment: ${missing.join(', ')}\n`);
    process.exit(2);
  }
  return {
    port: Number(env.REF_PORT),
    couchUrl: env.REF_COUCHDB_URL,
    username: env.REF_USERNAME,
    password: env.REF_PASSWORD,
    basic: 'Basic ' + Buffer.from(`${env.REF_COUCH_USER}:${env.REF_COUCH_PASSWORD}`).toString('base64'),
    secret: env.REF_JWT_SECRET,
    databases: new Set((env.REF_DATABASES || 'posts').split(',').map((s) => s.trim()))
  };
}

function sameSecret(a, b) {
  const left = crypto.createHash('sha256').update(String(a)).digest();
  const right = crypto.createHash('sha256').update(String(b)).digest();
  return crypto.timingSafeEqual(left, right);
}

function logIn(req, res) {
  const { username, password } = req.body || {};
  if (typeof username !== 'string' || typeof password !== 'string') {
    return res.status(400).json({ title: 'username and password are required' });
  }
  if (username !== config.username || !sameSecret(password, config.password)) {
    return res.status(401).json({ title: 'invalid credentials' });
  }
  const sid = crypto.randomBytes(16).toString('base64url');
  const expiresIn = 7 * 24 * 3600;
  sessions.set(sid, { username, authorization: config.basic });
  const token = jwt.sign({ sid }, config.secret, {
    algorithm: 'HS256', issuer: 'express-ref', subject: username, expiresIn, jwtid: sid
  });
  const expiresAt = new Date(Date.now() + expiresIn * 1000).toISOString();
  return res.status(201).json({ token, tokenType: 'Bearer', expiresAt, username });
}

function authenticate(req, res, next) {
  const header = req.headers.authorization || '';
  const match = /^Bearer (.+)$/.exec(header);
  if (!match) {
    return res.status(401).json({ error: 'unauthorized', reason: 'missing bearer token' });
  }
  let claims;
  try {
    claims = jwt.verify(match[1], config.secret, { algorithms: ['HS256'], issuer: 'express-ref' });
  } catch (err) {
    return res.status(401).json({ error: 'unauthorized', reason: 'invalid token' });
  }
  const session = sessions.get(claims.sid);
  if (!session) {
    return res.status(401).json({ error: 'unauthorized', reason: 'session ended' });
  }
  // Rewritten on the incoming request, not in http-proxy's proxyReq event: http-proxy skips that
  // event for requests with "Expect: 100-continue" (curl sends it for large uploads).
  ['cookie', 'x-auth-couchdb-username', 'x-auth-couchdb-roles', 'x-auth-couchdb-token']
    .forEach((name) => delete req.headers[name]);
  req.headers.authorization = session.authorization;
  return next();
}

function refuseServerPaths(req, res, next) {
  const database = decodeURIComponent(req.path.split('/')[1] || '');
  if (!config.databases.has(database)) {
    return res.status(403).json({ error: 'forbidden', reason: 'not an app database' });
  }
  return next();
}

function proxyTo(cfg) {
  return createProxyMiddleware({
    target: cfg.couchUrl,
    changeOrigin: true,
    agent: new http.Agent({ keepAlive: true }),
    on: {
      proxyRes: (proxyRes) => {
        delete proxyRes.headers['set-cookie'];
      },
      error: (err, req, res) => {
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'application/json' });
        }
        res.end(JSON.stringify({ error: 'bad_gateway', reason: 'CouchDB unreachable' }));
      }
    }
  });
}
