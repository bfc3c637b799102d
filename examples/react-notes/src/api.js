import { couchgateUrl } from './server.js';

// Calls to couchgate's own /api endpoints. Errors come back as RFC 9457 problem+json;
// they are turned into ApiError so that screens can show title, detail and suggestions.

export class ApiError extends Error {
  constructor(status, title, detail, suggestions, problems = []) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.suggestions = suggestions;
    this.problems = problems;
  }
}

async function problemFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status line below.
  }
  if (body && typeof body === 'object' && (body.title || body.detail)) {
    const suggestions = Array.isArray(body.suggestions) ? body.suggestions.map(String) : [];
    // Several problems at once (an `errors` extension member: strings or {detail}) are all shown.
    const problems = Array.isArray(body.errors)
      ? body.errors.map((e) => String(e && typeof e === 'object' ? e.detail || e.title || '' : e)).filter(Boolean)
      : [];
    return new ApiError(response.status, String(body.title || 'Error'), body.detail ? String(body.detail) : '',
      suggestions, problems);
  }
  return new ApiError(response.status, `Request failed (HTTP ${response.status})`, response.statusText || '', []);
}

async function call(method, path, { body, token } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(couchgateUrl(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Server unreachable', 'Check your connection and try again.', []);
  }
  if (!response.ok) throw await problemFrom(response);
  return response.status === 204 ? null : response.json();
}

/** PUT /api/users {username,password} → 201 {username}. */
export function signUp(username, password) {
  return call('PUT', '/api/users', { body: { username, password } });
}

/**
 * PUT /api/sessions {username,password} → 201 {token, tokenType, expiresAt, username, passwordChangeRequired}.
 * passwordChangeRequired is true after a login with a one-time password set by the admin CLI: that token can only
 * change the password (changePassword) or log out.
 */
export function logIn(username, password) {
  return call('PUT', '/api/sessions', { body: { username, password } });
}

/** GET /api/sessions/current → 200 {username, expiresAt}; 401 when the token is bad or revoked. */
export function currentSession(token) {
  return call('GET', '/api/sessions/current', { token });
}

/**
 * PUT /api/users/current/password {currentPassword,newPassword} → 204 (the calling session stays), or, from a
 * one-time-password session, 200 {loginRequired: true}: that session has ended too; log in with the new password.
 */
export function changePassword(token, currentPassword, newPassword) {
  return call('PUT', '/api/users/current/password', { token, body: { currentPassword, newPassword } });
}

/** DELETE /api/sessions/current → 204. */
export function logOut(token) {
  return call('DELETE', '/api/sessions/current', { token });
}
