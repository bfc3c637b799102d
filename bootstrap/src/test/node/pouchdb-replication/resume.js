'use strict';
// Real PouchDB resuming from its checkpoints through couchgate, run by
// io.couchgate.bootstrap.proxy.PouchDbReplicationTest.
// Usage: node resume.js <remote db url> <owner> <owner's token> <first count> <later count>
// Pushes <first count> docs from an in-memory PouchDB and pulls the remote into another, adds <later count> docs
// to the source, then pushes and pulls again with the same two databases: each second replication must start from
// the checkpoint it wrote (in _local docs on both sides) and read only the new docs. Ids are "<owner>:resume-…".
// Prints one line of JSON with each replication's docs_read, docs_written, doc_write_failures and last_seq.
const PouchDB = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));

const [remoteUrl, owner, token, firstCount, laterCount] = process.argv.slice(2);

function withBearer(bearer) {
  return (url, opts) => {
    opts.headers.set('Authorization', 'Bearer ' + bearer);
    return PouchDB.fetch(url, opts);
  };
}

function docs(batch, count) {
  return Array.from({ length: Number(count) }, (_, i) => ({
    _id: `${owner}:resume-${batch}-${String(i).padStart(3, '0')}`, owner, batch, n: i,
  }));
}

function result(r) {
  return { ok: r.ok, docsRead: r.docs_read, docsWritten: r.docs_written, failures: r.doc_write_failures,
    lastSeq: r.last_seq };
}

async function main() {
  const source = new PouchDB('resume-source', { adapter: 'memory' });
  const back = new PouchDB('resume-back', { adapter: 'memory' });
  const remote = new PouchDB(remoteUrl, { fetch: withBearer(token), skip_setup: true });

  await source.bulkDocs(docs('first', firstCount));
  const firstPush = await source.replicate.to(remote);
  const firstPull = await back.replicate.from(remote);
  await source.bulkDocs(docs('later', laterCount));
  const secondPush = await source.replicate.to(remote);
  const secondPull = await back.replicate.from(remote);
  const later = await back.allDocs({ startkey: `${owner}:resume-later-`, endkey: `${owner}:resume-later-\uffff` });
  process.stdout.write(JSON.stringify({
    firstPush: result(firstPush), firstPull: result(firstPull),
    secondPush: result(secondPush), secondPull: result(secondPull),
    laterPulledBack: later.rows.length,
  }) + '\n');
}

main().catch((e) => {
  process.stderr.write('resume failed: ' + (e && (e.stack || JSON.stringify(e))) + '\n');
  process.exit(1);
});
