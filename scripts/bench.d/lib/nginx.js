'use strict';
// Debian's nginx for scenario 8, two processes with their own config files in the run's temp directory:
// the static upstream (a fixed 1 KiB CouchDB-style document on one path, everything else passed to the run's
// CouchDB) and nginx as a plain proxy in front of it. Each is one master and one worker
// (`daemon off`, `worker_processes 1`), on a free 127.0.0.1 port, with no access log.

const fs = require('fs');
const path = require('path');
const proc = require('./proc');
const { request } = require('./http');

const NGINX = 'nginx';

/** Common top of both configs; dir holds the pid file and the temp paths (never used at these body sizes). */
function head(name, dir, errorLog) {
  const tmp = path.join(dir, `${name}-tmp`);
  fs.mkdirSync(tmp, { recursive: true });
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${path.join(tmp, kind)};`).join('\n');
  return `daemon off;
worker_processes 1;
pid ${path.join(dir, `${name}.pid`)};
error_log ${errorLog} warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  keepalive_timeout 75s;
  keepalive_requests 100000000;
${temps}
`;
}

/** A string in nginx's config syntax: single-quoted, with \\ and ' escaped. */
function quoted(text) {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/**
 * The static upstream: GET (or HEAD) of docPath answers doc.body (Content-Type application/json, ETag doc.etag,
 * Cache-Control must-revalidate, Content-Length) from nginx's memory; every other request is passed unchanged
 * (no buffering, a new connection each) to couchUrl, so couchgate can provision and log in through it.
 */
function upstreamConfig({ dir, port, errorLog, docPath, doc, couchUrl }) {
  return `${head('upstream', dir, errorLog)}
  server {
    listen 127.0.0.1:${port};
    location = ${docPath} {
      default_type application/json;
      add_header ETag ${quoted(doc.etag)} always;
      add_header Cache-Control must-revalidate always;
      return 200 ${quoted(doc.body)};
    }
    location / {
      proxy_pass ${couchUrl};
      proxy_http_version 1.1;
      proxy_set_header Connection close;
      proxy_set_header Host $http_host;
      proxy_buffering off;
      proxy_request_buffering off;
      client_max_body_size 0;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
    }
  }
}
`;
}

/**
 * nginx as a plain proxy: /database/<path> → upstreamUrl/<path> with a static Authorization header, cookies
 * dropped both ways, keep-alive connections to the upstream. No token check: a yardstick of proxying alone.
 */
function proxyConfig({ dir, port, errorLog, upstreamPort, authorization }) {
  return `${head('proxy', dir, errorLog)}
  upstream static_upstream {
    server 127.0.0.1:${upstreamPort};
    keepalive 64;
    keepalive_requests 100000000;
  }
  server {
    listen 127.0.0.1:${port};
    location /database/ {
      proxy_pass http://static_upstream/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization ${quoted(authorization)};
      proxy_set_header Cookie "";
      proxy_hide_header Set-Cookie;
    }
  }
}
`;
}

/** Starts nginx with config text in dir as name; resolves {url, child, port} once checkPath answers 200. */
async function start(name, dir, makeConfig, checkPath) {
  const port = await proc.freePort();
  const errorLog = path.join(dir, `nginx-${name}.log`);
  const conf = path.join(dir, `nginx-${name}.conf`);
  fs.writeFileSync(conf, makeConfig({ port, errorLog }));
  const child = proc.start(NGINX, ['-p', dir, '-c', conf, '-e', errorLog], { cwd: dir, logFile: errorLog });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!proc.alive(child)) {
      throw new Error(`nginx (${name}) exited: ${proc.tail(errorLog, 5)}`);
    }
    try {
      const answer = await request('GET', url + checkPath, { timeoutMs: 2000 });
      if (answer.status === 200) {
        return { url, child, port };
      }
      last = `status ${answer.status}`;
    } catch (err) {
      last = err.cause ? err.cause.code || err.message : err.message;
    }
    await proc.sleep(50);
  }
  await proc.stop(child);
  throw new Error(`nginx (${name}) did not answer ${checkPath} within 15 s (last: ${last}): ${proc.tail(errorLog, 5)}`);
}

/** nginx's version line ("nginx/1.22.1"), or null when there is no nginx. */
async function version() {
  const result = await proc.run(NGINX, ['-v']).catch(() => null);
  return result && result.code === 0 ? (result.stderr || result.stdout).trim().replace(/^nginx version: /, '') : null;
}

/** Starts the static upstream (upstreamConfig); resolves {url, child, port}. */
function startUpstream({ dir, docPath, doc, couchUrl }) {
  return start('upstream', dir, (p) => upstreamConfig({ ...p, dir, docPath, doc, couchUrl }), docPath);
}

/** Starts nginx as a plain proxy (proxyConfig) in front of upstream; resolves {url, child, port}. */
function startProxy({ dir, upstream, authorization, docPath }) {
  return start('proxy', dir, (p) => proxyConfig({ ...p, dir, upstreamPort: upstream.port, authorization }),
    `/database${docPath}`);
}

module.exports = { startUpstream, startProxy, version };
