// Preloaded into pouchdb-server by launcher.js (node -r). pouchdb-validation 4.2.0 replaces the _revisions of the
// doc being written with the stored winner's (`newDoc._revisions = (oldDoc || {})._revisions`) before it runs
// validate_doc_update, and then stores that same object. With new_edits=false PouchDB builds the revision tree
// from _revisions, so in every database with a validator a replicated revision of an existing doc was dropped
// while the answer said it was stored (201 []): PouchDB pushes of edits were lost. CouchDB stores the revisions
// it is sent (api/database/bulk-api.html, new_edits) and hands validators the new doc's own _revisions. This keeps
// a doc's own _revisions and fills them in from the stored doc only when it has none, as before. It fails loudly
// if the line it fixes is not there (another pouchdb-validation version).
'use strict';

const fs = require('fs');
const Module = require('module');
const path = require('path');

const TARGET = path.join('pouchdb-validation', 'lib', 'index.js');
const BUG = 'newDoc._revisions = (oldDoc || {})._revisions;';
const FIX = 'if (!newDoc._revisions) { newDoc._revisions = (oldDoc || {})._revisions; }';
const loadJs = Module._extensions['.js'];

Module._extensions['.js'] = function (module, filename) {
  if (!filename.endsWith(path.sep + TARGET)) {
    return loadJs(module, filename);
  }
  const source = fs.readFileSync(filename, 'utf8');
  if (!source.includes(BUG)) {
    throw new Error('dev-couchdb: ' + filename + ' no longer has the line keep-replicated-revisions.js fixes');
  }
  module._compile(source.replace(BUG, FIX), filename);
};
