'use strict';
// Real PouchDB against couchgate's /database proxy, run by io.couchgate.bootstrap.proxy.PouchDbReplicationTest.
// Usage: node replicate.js <remote db url> <owner> <owner's token> <other user> <other user's token>
// Pushes 500 docs (every 10th with an attachment) from an in-memory PouchDB, pulls them back into an empty one,
// then runs a live pull and times how long a doc written by another session takes to arrive. Every doc id starts
// with its owner's username and a colon, as couchgate's owner-write policy requires of each replicated revision.
// Prints one line of JSON: a summary the Java test asserts.
const crypto = require('crypto');
const PouchDB = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));

const [remoteUrl, owner, ownerToken, other, otherToken] = process.argv.slice(2);
const DOCS = 500;
const LIVE_TIMEOUT_MS = 10000;

function withBearer(token) {
  return (url, opts) => {
    opts.headers.set('Authorization', 'Bearer ' + token);
    return PouchDB.fetch(url, opts);
  };
}

function makeDocs() {
  const docs = [];
  for (let i = 0; i < DOCS; i++) {
    const doc = { _id: owner + ':doc-' + String(i).padStart(3, '0'), owner, n: i, text: 'note ' + i + ' é✓' };
    if (i % 10 === 0) {
      doc._attachments = {
        'note.txt': { content_type: 'text/plain', data: Buffer.from('attachment of doc ' + i + '\n').toString('base64') },
      };
    }
    docs.push(doc);
  }
  return docs;
}

function canonical(value) {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (value && typeof value === 'object') {
    return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
  }
  return JSON.stringify(value);
}

async function appDocs(db) {
  const all = await db.allDocs({ include_docs: true, attachments: true });
  // Only the docs this run pushes: the remote may hold others (couchgate's design doc, other tests' docs).
  const docs = all.rows.map((r) => r.doc).filter((d) => d._id.startsWith(owner + ':doc-'));
  for (const d of docs) {
    for (const a of Object.values(d._attachments || {})) {
      delete a.revpos; // where in the history an attachment arrived is the replicator's business, not the content
    }
  }
  docs.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const hash = crypto.createHash('sha256').update(canonical(docs)).digest('hex');
  return { count: docs.length, withAttachments: docs.filter((d) => d._attachments).length, hash };
}

async function liveLatency(back, remote, otherRemote) {
  const id = other + ':live';
  let writtenAt;
  const arrived = new Promise((resolve, reject) => {
    const live = back.replicate.from(remote, { live: true, retry: false });
    const timer = setTimeout(() => { live.cancel(); reject(new Error('no live change within ' + LIVE_TIMEOUT_MS + ' ms')); }, LIVE_TIMEOUT_MS);
    live.on('change', (info) => {
      if (info.docs.some((d) => d._id === id)) {
        const ms = Date.now() - writtenAt;
        clearTimeout(timer);
        live.cancel();
        resolve(ms);
      }
    });
    live.on('error', (e) => { clearTimeout(timer); reject(e); });
    // 'paused' with no error: caught up, waiting on the _changes feed for more.
    live.on('paused', (err) => {
      if (err) return;
      if (writtenAt === undefined) {
        writtenAt = Date.now();
        otherRemote.put({ _id: id, owner: other }).catch((e) => { clearTimeout(timer); live.cancel(); reject(e); });
      }
    });
  });
  const latencyMs = await arrived;
  return { id, latencyMs, doc: await back.get(id) };
}

async function main() {
  const source = new PouchDB('source', { adapter: 'memory' });
  const back = new PouchDB('back', { adapter: 'memory' });
  const remote = new PouchDB(remoteUrl, { fetch: withBearer(ownerToken), skip_setup: true });
  const otherRemote = new PouchDB(remoteUrl, { fetch: withBearer(otherToken), skip_setup: true });

  await source.bulkDocs(makeDocs());
  const push = await source.replicate.to(remote);
  const pull = await back.replicate.from(remote);
  const summary = {
    push: { ok: push.ok, docsWritten: push.docs_written, failures: push.doc_write_failures },
    pull: { ok: pull.ok, docsWritten: pull.docs_written, failures: pull.doc_write_failures },
    source: await appDocs(source),
    back: await appDocs(back),
    remoteDocCount: (await remote.info()).doc_count,
  };
  const live = await liveLatency(back, remote, otherRemote);
  summary.live = { id: live.id, owner: live.doc.owner, latencyMs: live.latencyMs };
  process.stdout.write(JSON.stringify(summary) + '\n');
}

main().catch((e) => {
  process.stderr.write('replication failed: ' + (e && (e.stack || JSON.stringify(e))) + '\n');
  process.exit(1);
});
