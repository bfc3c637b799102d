'use strict';
// Scenario 4: many idle continuous _changes feeds held open through couchgate; couchgate's
// retained heap per feed (full GC before and while they are open) and its thread count.

const path = require('path');
const proc = require('../lib/proc');
const jvm = require('../lib/jvm');
const { row, fmt } = require('../lib/report');

/** Starts feeds.js; resolves {child, open: Promise<first event>, done: Promise<last event>}. */
function holdFeeds(ctx, count, holdMs) {
  const url = `${ctx.targets.couchgate.db}/_changes?feed=continuous&heartbeat=10000&since=now`;
  const logFile = path.join(ctx.workDir, 'feeds.log');
  const child = proc.start(process.execPath, [path.join(__dirname, '..', 'feeds.js'), url, ctx.targets.couchgate.auth,
    String(count), String(holdMs)], { logFile, pipeStdout: true });
  const waiters = {};
  const events = {};
  ['open', 'done'].forEach((name) => { events[name] = new Promise((resolve) => { waiters[name] = resolve; }); });
  let buffer = '';
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    lines.filter((line) => line.trim()).map((line) => JSON.parse(line))
      .forEach((event) => (waiters[event.event] || (() => {}))(event));
  });
  child.on('exit', (code) => {
    const failure = { event: 'failed', reason: `feeds.js exited ${code}: ${proc.tail(logFile, 3)}` };
    waiters.open(failure);
    waiters.done(failure);
  });
  return { child, open: events.open, done: events.done };
}

async function measure(ctx, count, holdMs) {
  const pid = ctx.couchgate.child.pid;
  const threadsBefore = jvm.threadCount(pid);
  const heapBefore = await jvm.liveHeapKiB(pid);
  const feeds = holdFeeds(ctx, count, holdMs);
  const opened = await feeds.open;
  if (opened.event !== 'open') {
    throw new Error(opened.reason);
  }
  const started = Date.now();
  let threadsPeak = jvm.threadCount(pid);
  const lateHold = Math.max(0, holdMs - 5000);
  while (Date.now() - started < lateHold) {
    await proc.sleep(Math.min(1000, lateHold - (Date.now() - started) + 1));
    threadsPeak = Math.max(threadsPeak, jvm.threadCount(pid));
  }
  const heapDuring = await jvm.liveHeapKiB(pid);
  threadsPeak = Math.max(threadsPeak, jvm.threadCount(pid));
  const done = await feeds.done;
  return { threadsBefore, threadsPeak, heapBefore, heapDuring, opened, done };
}

/** Scenario 4; appends its rows to ctx.rows. */
async function idleFeeds(ctx) {
  const count = ctx.cfg.feeds;
  const holdMs = ctx.cfg.feedHoldMs;
  const label = `${count} idle continuous _changes feeds held ${fmt(holdMs / 1000, 0)} s`;
  ctx.log(`scenario 4: ${label}`);
  if (!ctx.targets.couchgate) {
    ctx.rows.push(row(4, label, 'n/a', '≤ 64 KiB heap per feed; no thread per feed', null, ctx.couchgateProblem));
    return;
  }
  let m;
  try {
    m = await measure(ctx, count, holdMs);
  } catch (err) {
    ctx.rows.push(row(4, label, 'n/a', '≤ 64 KiB heap per feed; no thread per feed', null, err.message));
    return;
  }
  const open = m.opened.open;
  const perFeed = open > 0 ? (m.heapDuring - m.heapBefore) / open : NaN;
  const added = m.threadsPeak - m.threadsBefore;
  const note = `opened ${open} of ${count} in ${m.opened.openMs} ms (failed ${m.opened.failed}` +
    `${m.opened.firstError ? ': ' + m.opened.firstError : ''}); still open at the end ${m.done.stillOpen ?? 'n/a'}; ` +
    `heartbeat lines received ${m.done.heartbeats ?? 'n/a'}`;
  ctx.rows.push(row(4, `${label}: retained heap per open feed (KiB)`, fmt(perFeed, 1), '≤ 64', open === count ? perFeed <= 64 : false,
    `live heap ${fmt(m.heapBefore / 1024, 1)} → ${fmt(m.heapDuring / 1024, 1)} MiB after full GCs; ${note}`));
  ctx.rows.push(row(4, `${label}: couchgate threads before → peak`, `${m.threadsBefore} → ${m.threadsPeak} (+${added})`,
    `< ${Math.ceil(count / 10)} added`, open === count ? added < count / 10 : false,
    'target read as "no thread per feed": fewer than one thread added per 10 feeds'));
}

module.exports = { idleFeeds };
