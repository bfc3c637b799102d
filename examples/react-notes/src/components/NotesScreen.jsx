import { useCallback, useEffect, useRef, useState } from 'react';
import { openNotes } from '../notesDb.js';
import { describeError } from '../errors.js';
import { clearDraft, loadDraft, saveDraft } from '../drafts.js';
import ErrorMessage from './ErrorMessage.jsx';
import NoteItem from './NoteItem.jsx';

const SYNC_LABELS = { connecting: 'connecting…', syncing: 'syncing…', live: 'live', offline: 'offline, retrying' };

/** The notes list of `posts`: add, edit and delete, kept live by the PouchDB pull. */
export default function NotesScreen({ session, onLogout, onUnauthorized }) {
  const [notes, setNotes] = useState([]);
  const [error, setError] = useState(null);
  const [syncState, setSyncState] = useState('connecting');
  const store = useRef(null);
  const reads = useRef(0);

  // Reads may overlap (a write and the change feed); only the latest one updates the list.
  const refresh = useCallback(async () => {
    if (!store.current) return;
    const read = ++reads.current;
    const list = await store.current.list();
    if (read === reads.current) setNotes(list);
  }, []);

  useEffect(() => {
    const opened = openNotes({
      token: session.token,
      username: session.username,
      onUnauthorized,
      onSyncState: setSyncState,
      onSyncError: (e) => setError(describeError(e)),
      onChange: () => refresh(),
    });
    store.current = opened;
    refresh();
    return () => {
      store.current = null;
      opened.close();
    };
  }, [session.token, session.username, onUnauthorized, refresh]);

  /**
   * Runs one write against the server and shows its refusal (403, or a 401 from CouchDB itself).
   * A 401 from couchgate has already ended the session in openNotes' fetch, which leaves this screen.
   */
  async function write(action) {
    setError(null);
    try {
      await action(store.current);
      await refresh();
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    }
  }

  const add = async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const text = String(new FormData(form).get('text')).trim();
    if (!text) return;
    if (await write((s) => s.add(text))) {
      form.reset();
      clearDraft(session.username);
    }
  };

  const logOut = () => {
    clearDraft(session.username);
    onLogout();
  };

  return (
    <main className="notes">
      <header className="topbar">
        <h1>couchgate notes</h1>
        <span className="sync" data-testid="sync-status" data-state={syncState}>
          {SYNC_LABELS[syncState]}
        </span>
        <span className="user">
          Logged in as <strong data-testid="current-user">{session.username}</strong>
        </span>
        <button type="button" className="secondary" data-testid="logout" onClick={logOut}>
          Log out
        </button>
      </header>
      <ErrorMessage error={error} />
      <form className="add" onSubmit={add}>
        <input
          data-testid="note-input"
          name="text"
          placeholder="Write a note…"
          defaultValue={loadDraft(session.username)}
          onInput={(e) => saveDraft(session.username, e.currentTarget.value)}
        />
        <button type="submit" data-testid="note-add">
          Add
        </button>
      </form>
      {notes.length === 0 ? (
        <p className="empty" data-testid="notes-empty">
          No notes yet.
        </p>
      ) : null}
      <ul className="note-list" data-testid="note-list">
        {notes.map((note) => (
          <NoteItem
            key={note._id}
            note={note}
            mine={note.owner === session.username}
            onSave={(n, t) => write((s) => s.edit(n, t))}
            onDelete={(n) => write((s) => s.remove(n))}
          />
        ))}
      </ul>
    </main>
  );
}
