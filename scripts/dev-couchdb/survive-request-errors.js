// Preloaded into pouchdb-server by launcher.js (node -r). PouchDB Server 4.2.0 turns some request errors into
// unhandled 'error' events or rejections (a _changes filter that fails, a missing _list function, deleting a
// database without rights), which end the whole process: one logged-in user could stop the dev CouchDB for
// everyone. CouchDB answers those requests with an error and keeps running; this keeps the dev server doing the
// same. The error is logged to stderr (launcher.log), never swallowed silently.
'use strict';

function report(kind, error) {
  const text = error && error.stack ? error.stack.split('\n').slice(0, 3).join(' | ') : String(error);
  process.stderr.write('dev-couchdb: survived ' + kind + ': ' + text + '\n');
}

process.on('uncaughtException', (error) => report('an uncaught exception', error));
process.on('unhandledRejection', (reason) => report('an unhandled rejection', reason));
