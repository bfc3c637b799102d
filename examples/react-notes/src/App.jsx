import { useCallback, useEffect, useRef, useState } from 'react';
import { currentSession, logOut } from './api.js';
import { clearSession, loadSession, saveSession } from './session.js';
import AuthScreen from './components/AuthScreen.jsx';
import NotesScreen from './components/NotesScreen.jsx';

const SESSION_ENDED = 'Your session has ended. Please log in again.';
// How often an open notes screen asks whether its session still stands. The sync notices a
// revoked token only on its next request, and a quiet long-poll may stay open for a long time.
const SESSION_CHECK_MS = 30000;

/** Chooses the screen: login/signup without a session, the notes with one. */
export default function App() {
  const [session, setSession] = useState(() => loadSession());
  const [checked, setChecked] = useState(() => loadSession() === null);
  const [notice, setNotice] = useState(null);
  const loggingOut = useRef(false);

  const endSession = useCallback((message) => {
    clearSession();
    setSession(null);
    setChecked(true);
    setNotice(message);
  }, []);

  // Requests cut off by our own logout answer 401 too; those are no news to the user.
  const onUnauthorized = useCallback(() => {
    if (!loggingOut.current) endSession(SESSION_ENDED);
  }, [endSession]);

  // A session restored from sessionStorage is checked once with the server before it is used.
  // /api is couchgate's own, so any 401 from it means the token is gone (no need to read the challenge).
  useEffect(() => {
    if (checked || !session) return;
    currentSession(session.token)
      .then(() => setChecked(true))
      .catch((e) => (e.status === 401 ? onUnauthorized() : setChecked(true)));
  }, [checked, session, onUnauthorized]);

  useEffect(() => {
    if (!checked || !session) return undefined;
    const check = () =>
      currentSession(session.token).catch((e) => {
        if (e.status === 401) onUnauthorized();
      });
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    const timer = setInterval(check, SESSION_CHECK_MS);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [checked, session, onUnauthorized]);

  const onLoggedIn = useCallback((next) => {
    saveSession(next);
    setNotice(null);
    setChecked(true);
    setSession(next);
  }, []);

  const onLogout = useCallback(async () => {
    loggingOut.current = true;
    try {
      await logOut(session.token);
    } catch {
      // 401 means the session was already gone; anything else: forget it here anyway.
    }
    endSession(null);
    loggingOut.current = false;
  }, [session, endSession]);

  if (!session) return <AuthScreen key={notice ?? ''} notice={notice} onLoggedIn={onLoggedIn} />;
  if (!checked) return <main className="loading" data-testid="loading">Checking your session…</main>;
  return <NotesScreen session={session} onLogout={onLogout} onUnauthorized={onUnauthorized} />;
}
