'use strict';
// Scenario 3: one large attachment uploaded and downloaded with curl, directly and through
// couchgate; the time ratio, and couchgate's heap growth while it streams.

const fs = require('fs');
const path = require('path');
const proc = require('../lib/proc');
const jvm = require('../lib/jvm');
const { expect, request } = require('../lib/http');
const { row, fmt, median } = require('../lib/report');

async function makeFile(file, mib) {
  const result = await proc.run('sh', ['-c', 'head -c "$1" /dev/urandom > "$2"', 'sh', String(mib * 1048576), file],
    { timeoutMs: 120000 });
  if (result.code !== 0 || fs.statSync(file).size !== mib * 1048576) {
    throw new Error(`could not write ${mib} MiB to ${file}: ${result.stderr.trim()}`);
  }
}

/** curl one transfer; resolves seconds; throws unless 2xx with the expected byte count. */
async function curl(method, url, auth, file, bytes) {
  const answerFile = path.join(path.dirname(file), 'upload-answer.json');
  const args = ['-sS', '-o', method === 'GET' ? '/dev/null' : answerFile,
    '-w', '%{http_code} %{time_total} %{size_download} %{size_upload}', '-H', `Authorization: ${auth}`,
    '--max-time', '900'];
  if (method === 'PUT') {
    args.push('-X', 'PUT', '-H', 'Content-Type: application/octet-stream', '-T', file);
  }
  const result = await proc.run('curl', [...args, url], { timeoutMs: 910000 });
  const [status, seconds, down, up] = result.stdout.trim().split(' ');
  const moved = Number(method === 'GET' ? down : up);
  if (result.code !== 0 || !/^2/.test(status) || moved !== bytes) {
    const answer = method === 'PUT' && fs.existsSync(answerFile) ? fs.readFileSync(answerFile, 'utf8').slice(0, 200) : '';
    throw new Error(`${method} ${url}: curl ${result.code}, status ${status}, ${moved} of ${bytes} bytes sent or received `
      + `${answer} ${result.stderr.trim()}`.trim());
  }
  return Number(seconds);
}

/** The id of a benchmark doc: the app user's name and a colon first, as the owner-write validator requires. */
function docIdOf(ctx, name) {
  return `${ctx.appUser.username}:${name}`;
}

async function upload(ctx, target, docId, file, bytes) {
  const created = await expect([201, 202], 'PUT', `${target.db}/${docId}`,
    { auth: target.auth, body: { owner: ctx.appUser.username, type: 'attachment-holder' } });
  return curl('PUT', `${target.db}/${docId}/blob?rev=${created.json.rev}`, target.auth, file, bytes);
}

/** Runs transfer() while sampling couchgate's heap; resolves {seconds, growthKiB, retainedKiB}. */
async function withHeapWatch(pid, transfer) {
  const baseline = await jvm.liveHeapKiB(pid);
  const sampler = jvm.sampleHeap(pid, 50);
  await sampler.ready;
  let seconds;
  let sampled;
  try {
    seconds = await transfer();
  } finally {
    sampled = await sampler.stop();
  }
  const after = await jvm.liveHeapKiB(pid);
  return { seconds, growthKiB: Math.max(0, sampled.peakKiB - baseline), retainedKiB: after - baseline, samples: sampled.samples };
}

/** A transfer through couchgate under heap watch; a failed transfer becomes {failed: reason}. */
async function throughCouchgate(ctx, transfer) {
  try {
    return await withHeapWatch(ctx.couchgate.child.pid, transfer);
  } catch (err) {
    return { failed: err.message };
  }
}

/**
 * Unmeasured downloads through couchgate before the measured ones (BENCH_DOWNLOAD_WARMUP): the JIT warm-up before
 * scenario 1 compiles the small-GET path, not the large-body one (writability changes, large writes); without these
 * the measured downloads paid for its compilation (27 ms of compiler threads' CPU per 48 MiB download after 30
 * downloads, 4 ms after 110; couchgate's CPU per measured download 60 ms after 30, 33 ms after 100: docs/benchmarks.md,
 * "Download: what was measured and done").
 */
async function warmDownloads(ctx, url, auth, file, bytes) {
  ctx.log(`  ${ctx.cfg.downloadWarmup} unmeasured downloads through couchgate (JIT warm-up)`);
  for (let i = 0; i < ctx.cfg.downloadWarmup; i += 1) {
    await curl('GET', url, auth, file, bytes);
  }
}

async function measure(ctx, mib, file) {
  const bytes = mib * 1048576;
  const { direct, couchgate } = ctx.targets;
  ctx.log(`  uploading ${mib} MiB directly`);
  const bigDirect = docIdOf(ctx, 'big-direct');
  const upDirect = await upload(ctx, direct, bigDirect, file, bytes);
  ctx.log(`  uploading ${mib} MiB through couchgate (${fmt(upDirect, 1)} s directly)`);
  const up = await throughCouchgate(ctx, () => upload(ctx, couchgate, docIdOf(ctx, 'big-couchgate'), file, bytes));
  const downDirect = [];
  const downCg = [];
  const cpu = { user: 0, system: 0 };
  const down = await throughCouchgate(ctx, async () => {
    await warmDownloads(ctx, `${couchgate.db}/${bigDirect}/blob`, couchgate.auth, file, bytes);
    for (let round = 0; round < ctx.cfg.downloadRounds; round += 1) {
      downDirect.push(await curl('GET', `${direct.db}/${bigDirect}/blob`, direct.auth, file, bytes));
      const meter = proc.cpuMeter(ctx.couchgate.child.pid);
      downCg.push(await curl('GET', `${couchgate.db}/${bigDirect}/blob`, couchgate.auth, file, bytes));
      const used = meter();
      cpu.user += used.user;
      cpu.system += used.system;
    }
    return median(downCg);
  });
  const rounds = ctx.cfg.downloadRounds;
  const perDownload = { user: cpu.user / rounds, system: cpu.system / rounds };
  return {
    up: { ...up, direct: upDirect },
    down: { ...down, direct: downDirect.length ? median(downDirect) : NaN, cpu: perDownload }
  };
}

// Issue #11: the download through couchgate within 1.10 × direct's time; the upload keeps the earlier 1.15 (its
// time is mostly the dev server's own).
const UPLOAD_LIMIT = 1.15;
const DOWNLOAD_LIMIT = 1.10;

function transferRows(label, m, digits, limit) {
  const s = 3;
  if (m.failed) {
    const reason = `the transfer through couchgate failed: ${m.failed}`;
    return [row(s, `${label}: time couchgate ÷ direct`, 'failed', `≤ ${fmt(limit)}`, false, reason),
      row(s, `${label}: couchgate heap growth, peak sampled (MiB)`, 'failed', '≤ 32', false, reason)];
  }
  const ratio = m.seconds / m.direct;
  const growth = m.growthKiB / 1024;
  const cpu = m.cpu ? `; couchgate CPU per download ${fmt(1000 * (m.cpu.user + m.cpu.system), 0)} ms (user `
    + `${fmt(1000 * m.cpu.user, 0)} + system ${fmt(1000 * m.cpu.system, 0)}, whole JVM, /proc/<pid>/stat)` : '';
  return [
    row(s, `${label}: time couchgate ÷ direct`, fmt(ratio), `≤ ${fmt(limit)}`, ratio <= limit,
      `direct ${fmt(m.direct, digits)} s, couchgate ${fmt(m.seconds, digits)} s${cpu}`),
    row(s, `${label}: couchgate heap growth, peak sampled (MiB)`, fmt(growth, 1), '≤ 32', growth <= 32,
      `retained after a full GC: ${fmt(m.retainedKiB / 1024, 1)} MiB; ${m.samples} jstat samples`)
  ];
}

/** Scenario 3; appends its rows to ctx.rows. */
async function largeAttachment(ctx) {
  const mib = ctx.cfg.attachmentMiB;
  ctx.log(`scenario 3: ${mib} MiB attachment`);
  if (!ctx.targets.couchgate) {
    ctx.rows.push(row(3, `${mib} MiB attachment up/down: time ÷ direct, heap growth`, 'n/a', '≤ 1.15 up, ≤ 1.10 down; ≤ 32 MiB', null, ctx.couchgateProblem));
    return;
  }
  const file = path.join(ctx.workDir, 'attachment.bin');
  try {
    await makeFile(file, mib);
    const m = await measure(ctx, mib, file);
    ctx.rows.push(...transferRows(`upload ${mib} MiB`, m.up, 2, UPLOAD_LIMIT),
      ...transferRows(`download ${mib} MiB (median of ${ctx.cfg.downloadRounds})`, m.down, 3, DOWNLOAD_LIMIT));
  } catch (err) {
    ctx.rows.push(row(3, `${mib} MiB attachment up/down: time ÷ direct, heap growth`, 'n/a', '≤ 1.15 up, ≤ 1.10 down; ≤ 32 MiB', null, err.message));
  } finally {
    fs.rmSync(file, { force: true });
  }
}

module.exports = { largeAttachment, makeFile, upload, docIdOf };
