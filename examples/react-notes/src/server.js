// Where couchgate is. By default the page's own origin: couchgate serves the app (or Vite's dev
// server proxies /api and /database to it). An app served from another origin (a CDN, a second
// static server) names couchgate's origin, e.g. https://couchgate.example.org, either
//   - at run time, in the built dist/index.html: <meta name="couchgate-url" content="https://…">, or
//   - at build time: VITE_COUCHGATE_URL=https://… npm run build
// (the meta tag wins when both are set). couchgate must then list the app's origin in
// couchgate.cors.allowed-origins, and the app's page CSP must allow it in connect-src.

function configured() {
  const meta = document.querySelector('meta[name="couchgate-url"]');
  const fromPage = meta ? meta.getAttribute('content').trim() : '';
  return fromPage || import.meta.env.VITE_COUCHGATE_URL || '';
}

/** couchgate's origin without a trailing slash, or '' for the page's own origin. */
export const COUCHGATE = configured().replace(/\/+$/, '');

/** The absolute URL of a couchgate path such as /api/users, or the path itself on the page's origin. */
export function couchgateUrl(path) {
  return COUCHGATE + path;
}

/** The remote database's absolute URL, as PouchDB needs it. */
export function databaseUrl(name) {
  return `${COUCHGATE || window.location.origin}/database/${name}`;
}
