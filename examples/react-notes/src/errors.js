import { ApiError } from './api.js';

/**
 * Turns any error into what the error banner shows: {title, detail, suggestions}.
 * couchgate's /api answers problem+json (title, detail, suggestions); CouchDB through /database
 * answers {"error","reason"}, which PouchDB turns into an Error with `name` = error and
 * `message` = reason (e.g. "forbidden" / "_id must start with bob: followed by a name").
 */
export function describeError(error) {
  if (error instanceof ApiError) {
    return { title: error.title, detail: error.detail, suggestions: error.suggestions };
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

/** True when the error means couchgate no longer accepts the session token. */
export function isUnauthorized(error) {
  return Boolean(error && typeof error === 'object' && error.status === 401);
}
