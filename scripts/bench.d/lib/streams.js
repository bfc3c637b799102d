'use strict';
// The client side of long exchanges through couchgate, for scenario 9: a continuous _changes feed, a download held
// mid-body and an upload that trickles. Each resolves once it is under way; `closed` resolves performance.now() when
// its socket closed, for whatever reason.

const http = require('http');
const { performance } = require('perf_hooks');
const { assertLoopback } = require('./http');

const agent = new http.Agent({ keepAlive: false });

/** Starts a request; resolves {req, socket, closed} at once, the caller settles when it is under way. */
function begin(method, url, auth, headers = {}) {
  const req = http.request(assertLoopback(url), { method, agent, headers: { authorization: auth, ...headers } });
  req.on('error', () => {}); // the aborts and revocations measured here end requests with errors
  const closed = new Promise((resolve) => req.on('close', () => resolve(performance.now())));
  return { req, closed };
}

function failUnless(stream, res, status, reject) {
  if (res.statusCode !== status) {
    reject(new Error(`${stream.method} ${stream.path} answered ${res.statusCode}`));
    return true;
  }
  return false;
}

/** A continuous _changes feed (heartbeat every second); resolves when its answer's head came (res: its body). */
function openFeed(db, auth) {
  const stream = begin('GET', `${db}/_changes?feed=continuous&heartbeat=1000&since=now`, auth);
  return new Promise((resolve, reject) => {
    stream.req.on('response', (res) => {
      if (!failUnless(stream.req, res, 200, reject)) {
        res.resume();
        resolve({ ...stream, kind: 'feed', socket: stream.req.socket, res });
      }
    });
    stream.req.on('error', reject);
    stream.req.end();
  });
}

/** A download that stops reading after pauseAfter bytes (the rest waits in buffers, the exchange stays open). */
function openDownload(url, auth, pauseAfter) {
  const stream = begin('GET', url, auth);
  return new Promise((resolve, reject) => {
    stream.req.on('response', (res) => {
      if (failUnless(stream.req, res, 200, reject)) {
        return;
      }
      let bytes = 0;
      res.on('data', (chunk) => {
        bytes += chunk.length;
        if (bytes >= pauseAfter && !res.isPaused()) {
          res.pause();
          resolve({ ...stream, kind: 'download', socket: stream.req.socket, bytes: () => bytes });
        }
      });
      res.on('end', () => reject(new Error(`the download ended after ${bytes} bytes, before ${pauseAfter}`)));
    });
    stream.req.on('error', reject);
    stream.req.end();
  });
}

/**
 * An upload of a body of declaredBytes that sends 64 KiB every 10 ms (about 6 MiB/s, never finishing here); resolves
 * once startBytes are written.
 */
function openUpload(url, auth, declaredBytes, startBytes) {
  const stream = begin('PUT', url, auth, { 'content-type': 'application/octet-stream', 'content-length': declaredBytes });
  const chunk = Buffer.alloc(65536, 0x61);
  let written = 0;
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (stream.req.destroyed || written + chunk.length > declaredBytes) {
        clearInterval(timer);
        return;
      }
      stream.req.write(chunk);
      written += chunk.length;
      if (written >= startBytes && written - chunk.length < startBytes) {
        resolve({ ...stream, kind: 'upload', socket: stream.req.socket, bytes: () => written });
      }
    }, 10);
    stream.closed.then(() => clearInterval(timer));
    stream.req.on('response', (res) => {
      res.resume();
      reject(new Error(`the upload was answered ${res.statusCode} after ${written} bytes`));
    });
    stream.req.on('error', reject);
  });
}

module.exports = { openFeed, openDownload, openUpload };
