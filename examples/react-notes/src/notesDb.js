// Notes in couchgate's `posts` database.
//
// Reads come from a local PouchDB (IndexedDB, one per user) that live-pulls from the remote
// database through couchgate's /database proxy. Writes go to the remote database FIRST, so that
// the server's validate_doc_update answers synchronously (403 forbidden for someone else's note);
// an accepted write is then copied into the local database with the revision the server gave it,
// and the live pull brings everybody else's writes.
import PouchDB from 'pouchdb-browser';
import { isSessionEnded } from './errors.js';
import { databaseUrl } from './server.js';

// A note's _id is `<username>:<32 hex>`: the owner-write validator binds a document to the user
// named before the first colon (and to `owner`), so the id says whose it is and can never change hands.
const ID_RANDOM_BYTES = 16;
const RETRY_LIMIT_MS = 5000;
// Each long-poll of _changes ends after this long without changes and is sent again: that bounds
// how late a revoked token is noticed (the next request answers 401), and stays well below
// couchgate's 60 s read timeout towards CouchDB. No heartbeat: in CouchDB a heartbeat keeps a
// long-poll open indefinitely, overriding the timeout.
const LONGPOLL_TIMEOUT_MS = 25000;

function randomSuffix() {
  // getRandomValues, not randomUUID: it also works on a plain-HTTP origin that is not a secure context.
  const bytes = crypto.getRandomValues(new Uint8Array(ID_RANDOM_BYTES));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new note's id: the owner's username, a colon, 128 random bits in hex. */
function newNoteId(username) {
  return `${username}:${randomSuffix()}`;
}

/** Newest first by createdAt (ISO 8601 sorts as text), then by id, so the order is stable. */
function newestFirst(a, b) {
  const at = String(a.createdAt || '');
  const bt = String(b.createdAt || '');
  if (at !== bt) return at < bt ? 1 : -1;
  return a._id < b._id ? 1 : a._id > b._id ? -1 : 0;
}

function revHash(rev) {
  return rev.slice(rev.indexOf('-') + 1);
}

function revPosition(rev) {
  return Number.parseInt(rev, 10);
}

// One local PouchDB per user for the page's lifetime. PouchDB's IndexedDB adapter shares one
// connection between instances of the same name, so closing the previous screen's instance would
// cut off the next one's (a logout, or a session end, followed at once by a login of the same user).
const locals = new Map();

function localDb(username) {
  if (!locals.has(username)) locals.set(username, new PouchDB(`notes-${username}`));
  return locals.get(username);
}

/**
 * Opens the user's notes.
 *
 * @param {object} options
 * @param {string} options.token          the couchgate Bearer token
 * @param {string} options.username       the logged-in app user (becomes each new note's `owner`)
 * @param {() => void} options.onUnauthorized  called when couchgate answers 401 with a Bearer challenge
 *                                         (token expired or revoked); not for CouchDB's own 401s
 * @param {(state: string) => void} options.onSyncState  'connecting' | 'syncing' | 'live' | 'offline'
 * @param {(error: Error) => void} options.onSyncError  a document the pull could not store, or a fatal error
 * @param {() => void} options.onChange   the local database changed: re-read the list
 */
export function openNotes({ token, username, onUnauthorized, onSyncState, onSyncError, onChange }) {
  let closed = false;
  const authFetch = (url, opts = {}) => {
    const headers = new Headers(opts.headers);
    headers.set('Authorization', `Bearer ${token}`);
    // PouchDB asks for credentials: 'include' (cookies). couchgate authenticates by the token alone and
    // sends no Access-Control-Allow-Credentials, so a cross-origin request must carry none.
    return PouchDB.fetch(url, { ...opts, headers, credentials: 'omit' }).then((response) => {
      // Only couchgate's own 401 (with its Bearer challenge) ends the session; CouchDB's 401 for
      // one write reaches the caller as a PouchDB error and is shown like a 403.
      if (isSessionEnded(response) && !closed) onUnauthorized();
      return response;
    });
  };
  const remote = new PouchDB(databaseUrl('posts'), { fetch: authFetch, skip_setup: true });
  const local = localDb(username);

  onSyncState('connecting');
  const pull = local.replicate.from(remote, {
    live: true,
    retry: true,
    timeout: LONGPOLL_TIMEOUT_MS,
    heartbeat: false,
    back_off_function: (delay) => (delay === 0 ? 500 : Math.min(delay * 2, RETRY_LIMIT_MS)),
  });
  pull.on('active', () => {
    if (!closed) onSyncState('syncing');
  });
  pull.on('paused', (err) => {
    if (!closed) onSyncState(err ? 'offline' : 'live');
  });
  pull.on('denied', (err) => {
    if (!closed) onSyncError(err);
  });
  pull.on('error', (err) => {
    if (closed) return;
    onSyncState('offline');
    onSyncError(err);
  });

  const changes = local.changes({ live: true, since: 'now' });
  changes.on('change', () => {
    if (!closed) onChange();
  });
  changes.on('error', (err) => {
    if (!closed) onSyncError(err);
  });

  /** Copies a revision the server accepted into the local database, with its ancestry. */
  async function mirror(doc, parentRev, newRev) {
    const ids = parentRev ? [revHash(newRev), revHash(parentRev)] : [revHash(newRev)];
    const copy = { ...doc, _rev: newRev, _revisions: { start: revPosition(newRev), ids } };
    try {
      await local.bulkDocs([copy], { new_edits: false });
    } catch {
      // The live pull brings the same revision a moment later.
    }
  }

  return {
    /** All notes, newest first: [{_id, _rev, owner, text, createdAt}]. */
    async list() {
      const result = await local.allDocs({ include_docs: true });
      return result.rows
        .map((row) => row.doc)
        .filter((doc) => doc && !doc._id.startsWith('_design/') && typeof doc.text === 'string')
        .sort(newestFirst);
    },

    /** Creates a note owned by the current user. Throws PouchDB's error (status, name, message). */
    async add(text) {
      const doc = {
        _id: newNoteId(username),
        owner: username,
        text,
        createdAt: new Date().toISOString(),
      };
      const saved = await remote.put(doc);
      await mirror(doc, null, saved.rev);
    },

    /** Changes a note's text; the server refuses (403 forbidden) unless the caller owns it. */
    async edit(note, text) {
      const doc = { _id: note._id, _rev: note._rev, owner: note.owner, text, createdAt: note.createdAt };
      const saved = await remote.put(doc);
      await mirror(doc, note._rev, saved.rev);
    },

    /** Deletes a note; the validator checks the tombstone's id prefix, and `owner` stays for readers. */
    async remove(note) {
      const doc = { _id: note._id, _rev: note._rev, owner: note.owner, _deleted: true };
      const saved = await remote.put(doc);
      await mirror(doc, note._rev, saved.rev);
    },

    /** Stops syncing and listening; the local copy stays, open, for the next login of the same user. */
    async close() {
      closed = true;
      changes.cancel();
      const stopped = new Promise((resolve) => {
        pull.on('complete', resolve);
        setTimeout(resolve, 1000);
      });
      pull.cancel();
      await stopped;
      // The local database stays open (see localDb) for the next login of the same user.
      await Promise.allSettled([remote.close()]);
    },
  };
}
