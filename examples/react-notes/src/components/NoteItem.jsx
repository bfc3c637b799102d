import { useState } from 'react';

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

/**
 * One note. Only one's own notes (`owner` is the logged-in user) have Edit and Delete: the server's
 * validator refuses every write to someone else's note anyway, and a refusal still shows as an error.
 */
export default function NoteItem({ note, mine, onSave, onDelete }) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);

  // The edit input is uncontrolled (starts with the note's text, read on submit), so a live
  // refresh of the list while editing never overwrites what is being typed.
  const save = async (event) => {
    event.preventDefault();
    const text = new FormData(event.currentTarget).get('text');
    setBusy(true);
    await onSave(note, text);
    setBusy(false);
    setEditing(false);
  };

  const remove = async () => {
    setBusy(true);
    await onDelete(note);
    setBusy(false);
  };

  return (
    <li
      className={mine ? 'note mine' : 'note theirs'}
      data-testid="note-item"
      data-id={note._id}
      data-owner={note.owner}
    >
      <div className="note-meta">
        <span className="owner" data-testid="note-owner">
          {note.owner}
        </span>
        <span className="badge">{mine ? 'yours' : 'read-only'}</span>
        <time dateTime={note.createdAt}>{formatTime(note.createdAt)}</time>
      </div>
      {editing ? (
        <form className="note-edit" onSubmit={save}>
          <input
            data-testid="note-edit-input"
            name="text"
            defaultValue={note.text}
            autoFocus
          />
          <button type="submit" data-testid="note-save" disabled={busy}>
            Save
          </button>
          <button type="button" className="secondary" data-testid="note-cancel" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="note-body">
          <p data-testid="note-text">{note.text}</p>
          {mine ? (
            <div className="note-actions">
              <button type="button" className="secondary" data-testid="note-edit" onClick={() => setEditing(true)} disabled={busy}>
                Edit
              </button>
              <button type="button" className="danger" data-testid="note-delete" onClick={remove} disabled={busy}>
                Delete
              </button>
            </div>
          ) : null}
        </div>
      )}
    </li>
  );
}
