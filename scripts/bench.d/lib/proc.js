'use strict';
// Child processes of the benchmark: each one logs to its own file, and every one still
// running is stopped when the benchmark exits (normally, by error or by signal).

const { spawn, execFile } = require('child_process');
const fs = require('fs');
const net = require('net');

const running = new Set();

/**
 * Starts a command; its stderr (and stdout, unless pipeStdout) goes to logFile; with holdStdin
 * its stdin is a pipe that stays open until stop(). Returns the ChildProcess.
 */
function start(command, args, { cwd, env, logFile, holdStdin = false, pipeStdout = false }) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, {
    cwd, env: { ...process.env, ...env }, stdio: [holdStdin ? 'pipe' : 'ignore', pipeStdout ? 'pipe' : log, log]
  });
  fs.closeSync(log);
  child.logFile = logFile;
  running.add(child);
  child.on('exit', () => running.delete(child));
  child.on('error', () => running.delete(child));
  return child;
}

function alive(child) {
  return child.exitCode === null && child.signalCode === null;
}

/** Stops a child: SIGTERM (and stdin closed), SIGKILL after graceMs; resolves when it is gone. */
function stop(child, graceMs = 5000) {
  if (!child || !alive(child)) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.stdin) {
      child.stdin.end();
    }
    child.kill('SIGTERM');
  });
}

// At exit nothing can be awaited: SIGTERM lets the launcher stop its pouchdb-server and the JVM
// run its shutdown hooks.
function stopAllNow() {
  for (const child of running) {
    child.kill('SIGTERM');
  }
}

process.on('exit', stopAllNow);
['SIGINT', 'SIGTERM', 'SIGHUP'].forEach((signal) => process.on(signal, () => {
  process.stderr.write(`bench: ${signal}, stopping\n`);
  process.exit(130);
}));

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Last lines of a log file, for error messages. */
function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (err) {
    return `(no log: ${err.message})`;
  }
}

/** Runs a command to completion; resolves {code, stdout, stderr}; never rejects on exit status. */
function run(command, args, { timeoutMs = 60000, env } = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr, error: err }));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux architecture the JDK runs on.
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU seconds a process has used so far, user plus system, all its threads (/proc/<pid>/stat fields 14 and 15,
 * in clock ticks of 10 ms). Throws when the process is gone.
 */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on: the name may hold spaces
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** {user, system} CPU seconds one process has used so far (/proc/<pid>/stat fields 14 and 15). */
function cpuTimes(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / CLOCK_TICKS_PER_SECOND, system: Number(fields[12]) / CLOCK_TICKS_PER_SECOND };
}

/** pid and the pids of all its descendants now (from every /proc/<n>/stat's parent pid, field 4). */
function processTree(pid) {
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch (err) {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1) {
    for (const [child, parent] of parents) {
      if (parent === tree[i]) {
        tree.push(child);
      }
    }
  }
  return tree;
}

/**
 * Starts a CPU count over pid and its descendants at this moment (nginx: the master and its workers); the returned
 * function gives {user, system} seconds (/proc/<pid>/stat utime and stime) the same processes used since. Throws when
 * one of them is gone.
 */
function cpuMeter(pid) {
  const pids = processTree(pid);
  const sum = () => pids.map(cpuTimes).reduce((a, b) => ({ user: a.user + b.user, system: a.system + b.system }),
    { user: 0, system: 0 });
  const before = sum();
  return () => {
    const after = sum();
    return { user: after.user - before.user, system: after.system - before.system, pids: pids.length };
  };
}

module.exports = { start, stop, alive, freePort, tail, run, sleep, cpuSeconds, cpuMeter };
