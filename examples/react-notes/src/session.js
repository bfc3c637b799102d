// The session token lives in memory (React state) and in sessionStorage, so that a reload of the
// tab keeps the user logged in while closing the tab forgets it. Never in localStorage.

const KEY = 'couchgate.session';

/** Returns {token, username, expiresAt} or null. */
export function loadSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY));
    if (stored && typeof stored.token === 'string' && typeof stored.username === 'string') return stored;
  } catch {
    // Unreadable entry: treat as logged out.
  }
  return null;
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}
