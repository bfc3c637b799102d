// The note being typed, kept per user in sessionStorage (this tab only, like the session), so that
// a session that ends while typing (token revoked or expired: a 401) loses nothing: the next login
// of the same user in this tab puts the text back. Only the draft's text is stored, never a token or
// a password. An explicit logout, and adding the note, forget it.

function key(username) {
  return `couchgate.draft.${username}`;
}

export function loadDraft(username) {
  try {
    return sessionStorage.getItem(key(username)) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(username, text) {
  try {
    if (text) sessionStorage.setItem(key(username), text);
    else sessionStorage.removeItem(key(username));
  } catch {
    // Storage full or disabled: the draft then lives only on the page.
  }
}

export function clearDraft(username) {
  saveDraft(username, '');
}
