'use strict';
// BENCH_JFR=1: a Java Flight Recorder profile of a running couchgate (jcmd JFR.start / JFR.stop, the JDK's "profile"
// settings with method-profiling=max: Java stacks sampled every 1 ms instead of 10), and a summary of its jdk.ExecutionSample events
// (read with `jfr print`, JDK 17 having no `jfr view`): samples grouped by what the code is (couchgate, Micronaut's
// HTTP client, its router and filters, Netty's codec, logging, JSON, crypto, ...), by the top frame ("self") and by
// any frame of the stack ("total"), and the hottest methods by self samples.

const readline = require('readline');
const { spawn } = require('child_process');
const proc = require('./proc');

/** JVM options for an instance that will be profiled: stacks up to 256 frames (JFR keeps 64 by default). */
const JVM_ARGS = ['-XX:FlightRecorderOptions=stackdepth=256'];

// First match wins: the more specific prefixes come first.
const GROUPS = [
  ['couchgate', ['io.couchgate.']],
  ['JSON (Jackson, Micronaut serde/json)', ['com.fasterxml.jackson.', 'io.micronaut.serde.', 'io.micronaut.json.',
    'io.micronaut.jackson.']],
  ['Micronaut HTTP client (ProxyHttpClient)', ['io.micronaut.http.client.']],
  ['Micronaut filters', ['io.micronaut.http.filter.', 'io.micronaut.http.server.netty.filters.']],
  ['Micronaut server and routing', ['io.micronaut.http.server.', 'io.micronaut.web.router.']],
  ['Micronaut HTTP on Netty (shared)', ['io.micronaut.http.netty.']],
  ['Micronaut security', ['io.micronaut.security.']],
  ['Micronaut core, inject, http model', ['io.micronaut.']],
  ['Reactor', ['reactor.', 'org.reactivestreams.']],
  ['Netty HTTP codec', ['io.netty.handler.codec.']],
  ['Netty TLS', ['io.netty.handler.ssl.']],
  ['Netty buffers', ['io.netty.buffer.']],
  ['Netty channel, event loop, util', ['io.netty.']],
  ['logging', ['ch.qos.logback.', 'org.slf4j.', 'java.util.logging.', 'sun.util.logging.']],
  ['crypto, JWT', ['javax.crypto.', 'com.sun.crypto.', 'sun.security.', 'java.security.', 'com.nimbusds.',
    'org.bouncycastle.']],
  ['JDK NIO, net', ['sun.nio.', 'java.nio.', 'sun.net.', 'java.net.']],
  ['JDK regex', ['java.util.regex.']],
  ['JDK concurrency', ['java.util.concurrent.']],
  ['JDK other', ['java.', 'jdk.', 'sun.', 'com.sun.']]
];

// Inclusive ("total") counts of a few entry points: the group totals above count every wrapper of the pipeline.
const ENTRY_POINTS = [
  ['Micronaut request handling (PipeliningServerHandler and all it calls)',
    ['io.micronaut.http.server.netty.handler.PipeliningServerHandler.']],
  ['Micronaut filter chain (FilterRunner and all it calls)', ['io.micronaut.http.filter.FilterRunner.']],
  ['Micronaut routing (io.micronaut.web.router)', ['io.micronaut.web.router.']],
  ['couchgate DatabaseProxyFilter.doFilter (and all it calls)', ['io.couchgate.adapters.http.proxy.DatabaseProxyFilter.']],
  ['couchgate relay (DatabaseRelay*)', ['io.couchgate.adapters.http.proxy.DatabaseRelay']],
  ['couchgate session resolution (token check included)', ['io.couchgate.application.session.ResolveDatabaseCredentials']],
  ['couchgate JWT verification (JwtTokenService.verify)', ['io.couchgate.adapters.http.token.JwtTokenService.verify']],
  ['HMAC (javax.crypto.Mac)', ['javax.crypto.Mac.']],
  ['Micronaut HTTP client (ProxyHttpClient, pool, body streams)', ['io.micronaut.http.client.']],
  ['Micronaut response writing (OutboundAccess)', ['OutboundAccess.']],
  ['Netty HTTP encoder (HttpObjectEncoder)', ['io.netty.handler.codec.http.HttpObjectEncoder.']],
  ['Netty HTTP decoder (HttpObjectDecoder)', ['io.netty.handler.codec.http.HttpObjectDecoder.']],
  ['Netty flush to the socket', ['io.netty.channel.nio.AbstractNioChannel$AbstractNioUnsafe.flush0',
    'io.netty.channel.AbstractChannel$AbstractUnsafe.flush0']],
  ['Reactor', ['reactor.core.']],
  ['logging', ['ch.qos.logback.', 'org.slf4j.']],
  ['JSON (Jackson, Micronaut serde)', ['com.fasterxml.jackson.', 'io.micronaut.serde.']]
];

const JDK = ['java.', 'jdk.', 'sun.', 'com.sun.', 'javax.'];

function groupOf(className) {
  for (const [name, prefixes] of GROUPS) {
    if (prefixes.some((prefix) => className.startsWith(prefix))) {
      return name;
    }
  }
  return 'other';
}

/** "io.netty.Foo.bar(int, String) line: 12" → {method: "io.netty.Foo.bar", className: "io.netty.Foo"}. */
function parseFrame(line) {
  const text = line.trim().replace(/\s+line: \d+$/, '');
  const open = text.indexOf('(');
  const method = open >= 0 ? text.slice(0, open) : text;
  const dot = method.lastIndexOf('.');
  return { method, className: dot >= 0 ? method.slice(0, dot) : method };
}

/**
 * The settings: the JDK's profile.jfc with method-profiling=max (`jfr configure`, written next to file); "profile"
 * itself (10 ms) when this JDK's jfr cannot configure.
 */
async function settings(file) {
  const jfc = file.replace(/\.jfr$/, '') + '.jfc';
  const made = await proc.run('jfr', ['configure', '--input', 'profile', 'method-profiling=max', '--output', jfc],
    { timeoutMs: 30000 });
  return made.code === 0 ? jfc : 'profile';
}

/** Starts a recording named name into file; resolves, or rejects with jcmd's message. */
async function startRecording(pid, name, file) {
  const result = await proc.run('jcmd', [String(pid), 'JFR.start', `name=${name}`, `settings=${await settings(file)}`,
    `filename=${file}`], { timeoutMs: 30000 });
  if (result.code !== 0 || /error|exception/i.test(result.stdout)) {
    throw new Error(`jcmd JFR.start failed: ${(result.stdout + result.stderr).trim().slice(0, 300)}`);
  }
}

/** Stops the recording and writes its file. */
async function stopRecording(pid, name) {
  const result = await proc.run('jcmd', [String(pid), 'JFR.stop', `name=${name}`], { timeoutMs: 60000 });
  if (result.code !== 0 || /error|exception/i.test(result.stdout)) {
    throw new Error(`jcmd JFR.stop failed: ${(result.stdout + result.stderr).trim().slice(0, 300)}`);
  }
}

/**
 * Reads file's jdk.ExecutionSample events (streamed from `jfr print`, so a large recording is never held whole);
 * resolves {samples, self: Map group → n, total: Map group → n, methods: Map method → self n, threads: Map → n}.
 */
function readSamples(file) {
  return new Promise((resolve, reject) => {
    const child = spawn('jfr', ['print', '--events', 'jdk.ExecutionSample', '--stack-depth', '256', file],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const counts = { samples: 0, self: new Map(), charged: new Map(), total: new Map(), entries: new Map(),
      couchgate: new Map(), methods: new Map(), threads: new Map(), truncated: 0 };
    const add = (map, key) => map.set(key, (map.get(key) || 0) + 1);
    let frames = null;
    let thread = '';
    const finish = () => {
      if (frames && frames.length) {
        counts.samples += 1;
        add(counts.self, groupOf(frames[0].className));
        const caller = frames.find((f) => !JDK.some((prefix) => f.className.startsWith(prefix))) || frames[0];
        add(counts.charged, groupOf(caller.className));
        add(counts.methods, frames[0].method);
        new Set(frames.map((f) => groupOf(f.className))).forEach((g) => add(counts.total, g));
        ENTRY_POINTS.filter(([, prefixes]) => frames.some((f) => prefixes.some((p) => f.method.includes(p))))
          .forEach(([label]) => add(counts.entries, label));
        new Set(frames.filter((f) => f.className.startsWith('io.couchgate.')).map((f) => f.className))
          .forEach((name) => add(counts.couchgate, name));
        add(counts.threads, thread.replace(/-\d+$/, '-N').replace(/-\d+-N$/, '-N-N'));
      }
      frames = null;
    };
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const trimmed = line.trim();
      if (trimmed.startsWith('sampledThread = ')) {
        thread = (/"([^"]*)"/.exec(trimmed) || [])[1] || '?';
      } else if (trimmed === 'stackTrace = [') {
        frames = [];
      } else if (frames && trimmed === ']') {
        finish();
      } else if (frames && trimmed === '...') {
        counts.truncated += 1;
      } else if (frames && trimmed) {
        frames.push(parseFrame(trimmed));
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(counts)
      : reject(new Error(`jfr print failed (${code}): ${stderr.trim().slice(0, 300)}`))));
  });
}

function table(title, map, samples, limit) {
  const rows = [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return [`  ${title}`].concat(rows.map(([key, n]) => `    ${(100 * n / samples).toFixed(1).padStart(5)} %  ${String(n)
    .padStart(6)}  ${key}`)).join('\n');
}

/** The summary text of a recording file. */
async function summarise(file) {
  const c = await readSamples(file);
  if (c.samples === 0) {
    return `JFR profile ${file}: no jdk.ExecutionSample events`;
  }
  return [
    `JFR profile ${file}: ${c.samples} Java stack samples (jdk.ExecutionSample; code running in native methods and the`
      + ` kernel, e.g. socket reads and writes, is not sampled)${c.truncated ? `, ${c.truncated} stacks truncated` : ''}`,
    table('self (top frame), by group', c.self, c.samples, 20),
    table('self, a JDK top frame charged to its nearest non-JDK caller, by group', c.charged, c.samples, 20),
    table('total (anywhere in the stack), by group: wrappers high in every stack count everything', c.total,
      c.samples, 20),
    table('total of entry points (anywhere in the stack)', c.entries, c.samples, ENTRY_POINTS.length),
    table('total of couchgate classes (anywhere in the stack)', c.couchgate, c.samples, 12),
    table('hottest methods, self', c.methods, c.samples, 25),
    table('threads', c.threads, c.samples, 8)
  ].join('\n');
}

module.exports = { JVM_ARGS, startRecording, stopRecording, summarise, groupOf };
