import { ApiError } from './api.js';

/**
 * Turns any error into what the error banner shows: {title, detail, suggestions, problems}.
 * couchgate's /api answers problem+json (title, detail, suggestions); CouchDB through /database
 * answers {"error","reason"}, which PouchDB turns into an Error with `name` = error and
 * `message` = reason (e.g. "forbidden" / "_id must start with bob: followed by a name").
 */
export function describeError(error) {
  if (error instanceof ApiError) {
    return { title: error.title, detail: error.detail, suggestions: error.suggestions, problems: error.problems };
  }
  if (error && typeof error === 'object' && typeof error.status === 'number' && error.name) {
    const detail = error.message || error.reason || '';
    return { title: String(error.name), detail: detail === error.name ? '' : String(detail), suggestions: [] };
  }
  if (error instanceof TypeError) {
    return { title: 'Server unreachable', detail: 'Check your connection and try again.', suggestions: [] };
  }
  const detail = error && error.message ? String(error.message) : '';
  return { title: 'Something went wrong', detail, suggestions: [] };
}

/**
 * True when a /database response means couchgate no longer accepts the session token: a 401 with a
 * Bearer challenge (`WWW-Authenticate: Bearer realm="couchgate"…`, RFC 6750). couchgate drops every
 * challenge from CouchDB's answers, so a 401 without one is CouchDB refusing that one request
 * (e.g. a validator throwing `unauthorized`): the session still stands. The header is readable on
 * the same origin, and from another one because couchgate lists it in Access-Control-Expose-Headers.
 */
export function isSessionEnded(response) {
  const challenge = response.headers.get('WWW-Authenticate') || '';
  return response.status === 401 && /^bearer\b/i.test(challenge.trim());
}
