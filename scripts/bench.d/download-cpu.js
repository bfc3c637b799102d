#!/usr/bin/env node
'use strict';
// couchgate's CPU per large download, steadier than scenario 3's wall time on a shared machine: starts the dev
// CouchDB and one couchgate per jar (DL_JARS, label=path entries separated by ';', each with its JVM arguments after a
// '|' separated by spaces), uploads one DL_MIB attachment directly, then in DL_ROUNDS rounds (the instances in
// turn, so that a drift of the machine's load falls on all alike) downloads it DL_PER_ROUND times through each
// instance and once directly, with curl. Prints each instance's user and system CPU seconds (/proc/<pid>/stat,
// the whole JVM) per download, and the median wall times. DL_WARMUP unmeasured downloads per instance come first.
//
//   DL_JARS='main=/tmp/main.jar;new=bootstrap/target/couchgate.jar' node scripts/bench.d/download-cpu.js

const fs = require('fs');
const os = require('os');
const path = require('path');
const proc = require('./lib/proc');
const couch = require('./lib/couch');
const couchgate = require('./lib/couchgate');
const { basic, expect } = require('./lib/http');

const REPO = path.resolve(__dirname, '..', '..');
const DB = 'posts';
const MIB = Number(process.env.DL_MIB || 48);
const ROUNDS = Number(process.env.DL_ROUNDS || 5);
const PER_ROUND = Number(process.env.DL_PER_ROUND || 4);
const WARMUP = Number(process.env.DL_WARMUP || 10);

const log = (message) => process.stderr.write(`download-cpu: ${message}\n`);

function jars() {
  const spec = process.env.DL_JARS || `current=${path.join(REPO, 'bootstrap/target/couchgate.jar')}`;
  return spec.split(';').map((entry) => {
    const label = entry.slice(0, entry.indexOf('='));
    const [jar, jvm = ''] = entry.slice(entry.indexOf('=') + 1).split('|');
    return { label, jar: path.resolve(jar), jvmArgs: jvm.split(' ').filter(Boolean) };
  });
}

/** One curl GET to /dev/null; resolves seconds, throws unless 200 with every byte. */
async function download(url, auth, bytes) {
  const result = await proc.run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total} %{size_download}',
    '-H', `Authorization: ${auth}`, '--max-time', '300', url], { timeoutMs: 310000 });
  const [status, seconds, size] = result.stdout.trim().split(' ');
  if (result.code !== 0 || status !== '200' || Number(size) !== bytes) {
    throw new Error(`GET ${url}: curl ${result.code}, status ${status}, ${size} of ${bytes} bytes ${result.stderr}`);
  }
  return Number(seconds);
}

async function upload(db, auth, owner, docId, file) {
  const created = await expect([201, 202], 'PUT', `${db}/${docId}`, { auth, body: { owner, type: 'attachment' } });
  const result = await proc.run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PUT',
    '-H', `Authorization: ${auth}`, '-H', 'Content-Type: application/octet-stream', '-T', file,
    `${db}/${docId}/blob?rev=${created.json.rev}`], { timeoutMs: 900000 });
  if (!/^20[12]$/.test(result.stdout.trim())) {
    throw new Error(`upload answered ${result.stdout} ${result.stderr}`);
  }
}

/** {thread name with its digits as #: {user, system}} CPU seconds of every thread of pid so far. */
function threadTimes(pid) {
  const times = {};
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch (err) {
      continue; // ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+/g, '#');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const sum = times[name] || (times[name] = { user: 0, system: 0 });
    sum.user += Number(fields[11]) / 100;
    sum.system += Number(fields[12]) / 100;
  }
  return times;
}

function addThreadTimes(total, before, after) {
  for (const [name, t] of Object.entries(after)) {
    const b = before[name] || { user: 0, system: 0 };
    const sum = total[name] || (total[name] = { user: 0, system: 0 });
    sum.user += t.user - b.user;
    sum.system += t.system - b.system;
  }
}

/** {syscr, syscw}: read and write system calls of pid so far (/proc/<pid>/io). */
function syscalls(pid) {
  const io = Object.fromEntries(fs.readFileSync(`/proc/${pid}/io`, 'utf8').trim().split('\n')
    .map((line) => line.split(': ')).map(([k, v]) => [k, Number(v)]));
  return { reads: io.syscr, writes: io.syscw };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function startInstances(ctx, specs) {
  const instances = [];
  for (const [i, spec] of specs.entries()) {
    const dataDir = path.join(ctx.workDir, `data-${i}`);
    if (i > 0) {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      fs.copyFileSync(path.join(ctx.workDir, 'data-0', 'secrets.properties'), path.join(dataDir, 'secrets.properties'));
      fs.chmodSync(path.join(dataDir, 'secrets.properties'), 0o600);
    }
    const started = await couchgate.startCouchgate({
      jar: spec.jar, couchUrl: ctx.couch.url, dataDir, logFile: path.join(ctx.workDir, `couchgate-${i}.log`),
      bootstrapAdmin: ctx.admin, jvmArgs: spec.jvmArgs, compatibility: ctx.couch.compatibility
    });
    instances.push({ ...spec, ...started, cpu: { user: 0, system: 0 }, threads: {}, times: [], reads: 0, writes: 0 });
    log(`${spec.label}: ${spec.jar} ${spec.jvmArgs.join(' ')} on ${started.url}`);
  }
  return instances;
}

/**
 * Signs up and logs in only after the upload: while the dev CouchDB is busy with it the instances' leases may lapse,
 * and each instance's sweep then deletes the session users of the others.
 */
async function logIn(ctx, instances) {
  for (const [i, instance] of instances.entries()) {
    const token = i === 0
      ? await couchgate.signUpAndLogIn(instance.url, ctx.user.username, ctx.user.password)
      : await couchgate.logIn(instance.url, ctx.user.username, ctx.user.password);
    instance.auth = 'Bearer ' + token;
  }
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'couchgate-download-'));
  const ctx = {
    workDir, admin: { name: 'bench-admin', password: couchgate.strongPassword() },
    user: { username: `dl.${Date.now().toString(36)}`, password: couchgate.strongPassword() }
  };
  ctx.couch = await couch.startDevCouchDb(REPO, workDir);
  await couch.createAdmin(ctx.couch.url, ctx.admin.name, ctx.admin.password);
  const instances = await startInstances(ctx, jars());
  const direct = { name: 'dl-direct', password: couchgate.strongPassword() };
  await couch.createUser(ctx.couch.url, ctx.admin, direct.name, direct.password,
    ['end_user', `user:${ctx.user.username}`]);
  const directAuth = basic(direct.name, direct.password);
  const file = path.join(workDir, 'blob.bin');
  const bytes = MIB * 1048576;
  await proc.run('sh', ['-c', 'head -c "$1" /dev/urandom > "$2"', 'sh', String(bytes), file]);
  const docId = `${ctx.user.username}:big`;
  log(`uploading ${MIB} MiB directly`);
  await upload(`${ctx.couch.url}/${DB}`, directAuth, ctx.user.username, docId, file);
  await logIn(ctx, instances);
  const directUrl = `${ctx.couch.url}/${DB}/${docId}/blob`;
  const urlOf = (instance) => `${instance.url}/database/${DB}/${docId}/blob`;
  for (const instance of instances) {
    for (let i = 0; i < WARMUP; i += 1) {
      await download(urlOf(instance), instance.auth, bytes);
    }
  }
  for (const [label, url, auth] of [['direct', directUrl, directAuth],
    ...instances.map((i) => [i.label, urlOf(i), i.auth])]) {
    const head = await proc.run('curl', ['-sS', '-D', '-', '-o', '/dev/null', '-H', `Authorization: ${auth}`, url]);
    process.stdout.write(`${label} answer head:\n${head.stdout.trim().replace(/^/gm, '  ')}\n`);
  }
  const directTimes = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    directTimes.push(await download(directUrl, directAuth, bytes));
    for (const instance of instances) {
      const meter = proc.cpuMeter(instance.child.pid);
      const threadsBefore = threadTimes(instance.child.pid);
      const callsBefore = syscalls(instance.child.pid);
      for (let i = 0; i < PER_ROUND; i += 1) {
        instance.times.push(await download(urlOf(instance), instance.auth, bytes));
      }
      addThreadTimes(instance.threads, threadsBefore, threadTimes(instance.child.pid));
      const callsAfter = syscalls(instance.child.pid);
      instance.reads += callsAfter.reads - callsBefore.reads;
      instance.writes += callsAfter.writes - callsBefore.writes;
      const used = meter();
      instance.cpu.user += used.user;
      instance.cpu.system += used.system;
    }
  }
  const n = ROUNDS * PER_ROUND;
  process.stdout.write(`${MIB} MiB, ${n} downloads per instance, load ${os.loadavg().map((l) => l.toFixed(1))}\n`);
  process.stdout.write(`direct: median ${median(directTimes).toFixed(3)} s\n`);
  for (const i of instances) {
    const per = (seconds) => (1000 * seconds / n).toFixed(1);
    process.stdout.write(`${i.label}: CPU per download ${per(i.cpu.user + i.cpu.system)} ms (user ${per(i.cpu.user)}`
      + ` + system ${per(i.cpu.system)}), median ${median(i.times).toFixed(3)} s\n`);
    process.stdout.write(`  read(2) calls ${(i.reads / n).toFixed(0)}, write(2) calls ${(i.writes / n).toFixed(0)} `
      + 'per download\n');
    const busy = Object.entries(i.threads).filter(([, t]) => t.user + t.system > 0)
      .sort(([, a], [, b]) => b.user + b.system - a.user - a.system);
    for (const [name, t] of busy) {
      process.stdout.write(`  ${name.padEnd(24)} user ${per(t.user)} + system ${per(t.system)} ms per download\n`);
    }
  }
  await Promise.all([...instances.map((i) => proc.stop(i.child)), proc.stop(ctx.couch.child)]);
  if (process.env.DL_KEEP) {
    log(`kept ${workDir}`);
  } else {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  log(`failed: ${err.stack || err.message}`);
  process.exit(1);
});
