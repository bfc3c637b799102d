'use strict';
// Real PouchDB resuming from its checkpoints through couchgate, run by
// io.couchgate.bootstrap.proxy.PouchDbReplicationTest.
// Usage: node resume.js <remote db url> <owner> <owner's token> <first count> <later count>
// Pushes <first count> docs from an in-memory PouchDB and pulls the remote into another, adds <later count> docs
// to the source, then pushes and pulls again with the same two databases: each second replication must start from
// the checkpoint it wrote (in _local docs on both sides) and read only the new docs. Ids are "<owner>:resume-…".
// Prints one line of JSON with each replication's docs_read, docs_written, doc_write_failures and last_seq, and
// what it asked the remote: how many rows its _changes reads returned and how many ids its _revs_diff sent.
const PouchDB = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));

const [remoteUrl, owner, token, firstCount, laterCount] = process.argv.slice(2);

const asked = { changesRows: 0, revsDiffIds: 0 };

function countingWithBearer(bearer) {
  return async (url, opts) => {
    opts.headers.set('Authorization', 'Bearer ' + bearer);
    if (/\/_revs_diff(\?|$)/.test(url) && typeof opts.body === 'string') {
      asked.revsDiffIds += Object.keys(JSON.parse(opts.body)).length;
    }
    const response = await PouchDB.fetch(url, opts);
    if (/\/_changes\?/.test(url) && response.ok) {
      asked.changesRows += (await response.clone().json()).results.length;
    }
    return response;
  };
}

/** Runs one replication; its result with what it asked the remote. */
async function replication(run) {
  asked.changesRows = 0;
  asked.revsDiffIds = 0;
  const r = await run();
  return { ok: r.ok, docsRead: r.docs_read, docsWritten: r.docs_written, failures: r.doc_write_failures,
    lastSeq: r.last_seq, changesRows: asked.changesRows, revsDiffIds: asked.revsDiffIds };
}

function docs(batch, count) {
  return Array.from({ length: Number(count) }, (_, i) => ({
    _id: `${owner}:resume-${batch}-${String(i).padStart(3, '0')}`, owner, batch, n: i,
  }));
}

async function main() {
  const source = new PouchDB('resume-source', { adapter: 'memory' });
  const back = new PouchDB('resume-back', { adapter: 'memory' });
  const remote = new PouchDB(remoteUrl, { fetch: countingWithBearer(token), skip_setup: true });

  await source.bulkDocs(docs('first', firstCount));
  const firstPush = await replication(() => source.replicate.to(remote));
  const firstPull = await replication(() => back.replicate.from(remote));
  await source.bulkDocs(docs('later', laterCount));
  const secondPush = await replication(() => source.replicate.to(remote));
  const secondPull = await replication(() => back.replicate.from(remote));
  const later = await back.allDocs({ startkey: `${owner}:resume-later-`, endkey: `${owner}:resume-later-\uffff` });
  process.stdout.write(JSON.stringify({
    firstPush, firstPull, secondPush, secondPull,
    laterPulledBack: later.rows.length,
  }) + '\n');
}

main().catch((e) => {
  process.stderr.write('resume failed: ' + (e && (e.stack || JSON.stringify(e))) + '\n');
  process.exit(1);
});
