#!/usr/bin/env node
'use strict';
// Runs the dev CouchDB (pouchdb-server from this folder's node_modules) as a
// child process and ties its life to ours:
//   node launcher.js [pouchdb-server options...]
// - every argument is passed to pouchdb-server unchanged; the working
//   directory is inherited (pouchdb-server writes config.json and log.txt
//   there unless --config says otherwise);
// - when our stdin closes (the parent that holds its write end died or let
//   go), or on SIGINT, SIGTERM or SIGHUP, we stop pouchdb-server (SIGTERM, then
//   SIGKILL after a grace period) and exit 0;
// - when pouchdb-server exits on its own, we exit too, with status 1 or its
//   non-zero status, so that the parent sees a dead server as a dead process.
// Keep stdin open for as long as the server should run: started with stdin
// from /dev/null, the launcher stops at once.

const { spawn } = require('child_process');

const GRACE_MS = 3000;
const serverBin = require.resolve('pouchdb-server/bin/pouchdb-server', { paths: [__dirname] });
const survive = require('path').join(__dirname, 'survive-request-errors.js');
const keepRevisions = require('path').join(__dirname, 'keep-replicated-revisions.js');
const child = spawn(process.execPath, ['-r', survive, '-r', keepRevisions, serverBin, ...process.argv.slice(2)], {
  stdio: ['ignore', 'inherit', 'inherit']
});
let stopping = false;

function say(message) {
  process.stderr.write('dev-couchdb launcher: ' + message + '\n');
}

function childAlive() {
  return child.exitCode === null && child.signalCode === null;
}

function stop(reason) {
  if (stopping) {
    return;
  }
  stopping = true;
  say('stopping pouchdb-server (' + reason + ')');
  if (!childAlive()) {
    process.exit(0);
  }
  child.once('exit', () => process.exit(0));
  child.kill('SIGTERM');
  setTimeout(() => {
    if (childAlive()) {
      say('pouchdb-server ignored SIGTERM; sending SIGKILL');
      child.kill('SIGKILL');
    }
  }, GRACE_MS).unref();
}

child.on('error', (err) => {
  say('could not start pouchdb-server: ' + err.message);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  if (!stopping) {
    say('pouchdb-server exited by itself (' + (signal || 'status ' + code) + ')');
    process.exit(code ? code : 1);
  }
});

say('started pouchdb-server, pid ' + child.pid);
process.stdin.on('end', () => stop('stdin closed'));
process.stdin.on('close', () => stop('stdin closed'));
process.stdin.on('error', () => stop('stdin failed'));
process.stdin.resume();
['SIGINT', 'SIGTERM', 'SIGHUP'].forEach((signal) => process.on(signal, () => stop(signal)));
