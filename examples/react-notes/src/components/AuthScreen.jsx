import { useState } from 'react';
import { changePassword, logIn, signUp } from '../api.js';
import { describeError } from '../errors.js';
import { PASSWORD_MIN_LENGTH, SIGNUP_RULES, signupProblems } from '../signupRules.js';
import ErrorMessage from './ErrorMessage.jsx';
import InfoMessage from './InfoMessage.jsx';

/**
 * Sign-up and log-in forms side by side; a successful login, or a signup (which logs in at once),
 * hands the session to onLoggedIn. The signup rules are shown from the start. A login with a
 * one-time password (passwordChangeRequired) asks for a new password first: the change ends the
 * one-time session, and one login with the new password follows (never more: no loop).
 */
export default function AuthScreen({ notice, onLoggedIn }) {
  const [error, setError] = useState(null);
  const [info, setInfo] = useState(notice);
  const [busy, setBusy] = useState(false);
  const [passwordLength, setPasswordLength] = useState(0);
  const [oneTime, setOneTime] = useState(null); // {token, username, password} of a one-time login

  async function run(action) {
    setBusy(true);
    setError(null);
    setInfo(null);
    try {
      await action();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  // The inputs are uncontrolled (read from the form on submit), so that any way of filling them,
  // a person's typing or a test driver's clear() and sendKeys(), is what gets sent.
  const submitSignup = (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const password = fields.get('password');
    const problems = signupProblems(fields.get('username'), password);
    if (problems.length > 0) {
      setInfo(null);
      setError({ title: 'Please fix before signing up', detail: '', suggestions: [], problems });
      return;
    }
    run(async () => {
      const created = await signUp(fields.get('username'), password);
      form.reset();
      setPasswordLength(0);
      try {
        const session = await logIn(created.username, password);
        onLoggedIn({ token: session.token, username: session.username, expiresAt: session.expiresAt });
      } catch (e) {
        // The account stands; only the automatic login failed (e.g. 429 or 503): say both.
        setInfo(`Account "${created.username}" created. Please log in.`);
        throw e;
      }
    });
  };

  const submitLogin = (event) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    run(async () => {
      const password = fields.get('password');
      const session = await logIn(fields.get('username'), password);
      if (session.passwordChangeRequired) {
        setOneTime({ token: session.token, username: session.username, password });
        return;
      }
      onLoggedIn({ token: session.token, username: session.username, expiresAt: session.expiresAt });
    });
  };

  const submitNewPassword = (event) => {
    event.preventDefault();
    const newPassword = new FormData(event.currentTarget).get('password');
    run(async () => {
      try {
        await changePassword(oneTime.token, oneTime.password, newPassword);
      } catch (e) {
        if (e.status === 401) setOneTime(null); // the one-time session is gone: back to the login form
        throw e;
      }
      setOneTime(null); // the one-time session has ended, whatever follows
      const session = await logIn(oneTime.username, newPassword);
      if (session.passwordChangeRequired) {
        throw new Error('The new password was not accepted as your own. Please log in again.');
      }
      onLoggedIn({ token: session.token, username: session.username, expiresAt: session.expiresAt });
    });
  };

  if (oneTime) {
    return (
      <main className="auth">
        <h1>couchgate notes</h1>
        <ErrorMessage error={error} />
        <form className="card" onSubmit={submitNewPassword} data-testid="new-password-form">
          <h2>Choose a new password</h2>
          <p>You logged in with a one-time password. Choose your own to continue.</p>
          <label>
            New password
            <input data-testid="new-password" type="password" autoComplete="new-password" name="password" />
          </label>
          <button type="submit" data-testid="new-password-submit" disabled={busy}>
            Set password
          </button>
        </form>
      </main>
    );
  }

  return (
    <main className="auth">
      <h1>couchgate notes</h1>
      <ErrorMessage error={error} />
      <InfoMessage text={info} />
      <div className="auth-forms">
        <form className="card" onSubmit={submitLogin} data-testid="login-form">
          <h2>Log in</h2>
          <label>
            Username
            <input
              data-testid="login-username"
              autoComplete="username"
              name="username"
            />
          </label>
          <label>
            Password
            <input
              data-testid="login-password"
              type="password"
              autoComplete="current-password"
              name="password"
            />
          </label>
          <button type="submit" data-testid="login-submit" disabled={busy}>
            Log in
          </button>
        </form>
        <form className="card" onSubmit={submitSignup} data-testid="signup-form">
          <h2>Sign up</h2>
          <label>
            Username
            <input
              data-testid="signup-username"
              autoComplete="off"
              name="username"
            />
          </label>
          <label>
            Password
            <input
              data-testid="signup-password"
              type="password"
              autoComplete="new-password"
              name="password"
              aria-describedby="signup-rules"
              onInput={(e) => setPasswordLength([...e.currentTarget.value].length)}
            />
          </label>
          <p className="length" data-testid="password-length" data-ok={passwordLength >= PASSWORD_MIN_LENGTH}>
            {passwordLength} / {PASSWORD_MIN_LENGTH} characters
          </p>
          <ul className="rules" id="signup-rules" data-testid="signup-rules">
            {SIGNUP_RULES.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
          <button type="submit" data-testid="signup-submit" disabled={busy}>
            Create account
          </button>
        </form>
      </div>
    </main>
  );
}
