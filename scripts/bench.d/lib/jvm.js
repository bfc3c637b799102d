'use strict';
// Reads a running JVM's heap and thread count with the JDK's own tools (jstat, jcmd) and /proc.
// Heap "used" = survivor + eden + old generation used (jstat -gc S0U+S1U+EU+OU), in KiB.

const { spawn } = require('child_process');
const fs = require('fs');
const proc = require('./proc');

// jstat stops by itself after this long even if nobody stops it.
const MAX_SAMPLING_MS = 20 * 60 * 1000;

function usedFromJstat(header, line) {
  const names = header.trim().split(/\s+/);
  const values = line.trim().split(/\s+/).map(Number);
  const at = (name) => values[names.indexOf(name)] || 0;
  return at('S0U') + at('S1U') + at('EU') + at('OU');
}

/** The heap in use now, KiB. */
async function heapUsedKiB(pid) {
  const { code, stdout, stderr } = await proc.run('jstat', ['-gc', String(pid)], { timeoutMs: 20000 });
  const lines = stdout.trim().split('\n');
  if (code !== 0 || lines.length < 2) {
    throw new Error(`jstat -gc ${pid} failed: ${stderr.trim() || stdout.trim()}`);
  }
  return usedFromJstat(lines[0], lines[1]);
}

/** A full collection (jcmd GC.run), then the heap in use, KiB: what is really retained. */
async function liveHeapKiB(pid) {
  const { code, stdout } = await proc.run('jcmd', [String(pid), 'GC.run'], { timeoutMs: 30000 });
  if (code !== 0) {
    throw new Error(`jcmd ${pid} GC.run failed: ${stdout.trim()}`);
  }
  return heapUsedKiB(pid);
}

/** The process's OS thread count (/proc/<pid>/status "Threads:"): every JVM thread is one. */
function threadCount(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^Threads:\s+(\d+)/m.exec(status)[1]);
}

/**
 * Samples the heap in use every intervalMs with one `jstat -gc <pid> <interval> <count>` process
 * until stop() is called (or 20 minutes passed); stop() resolves {peakKiB, samples}. ready resolves after the first sample.
 */
function sampleHeap(pid, intervalMs = 50) {
  const count = Math.ceil(MAX_SAMPLING_MS / intervalMs);
  const child = spawn('jstat', ['-gc', String(pid), String(intervalMs), String(count)], { stdio: ['ignore', 'pipe', 'ignore'] });
  let header = null;
  let buffer = '';
  let peakKiB = 0;
  let samples = 0;
  let markReady;
  const ready = new Promise((resolve) => { markReady = resolve; });
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines.filter((l) => l.trim())) {
      if (/S0C/.test(line)) {
        header = line;
      } else if (header) {
        peakKiB = Math.max(peakKiB, usedFromJstat(header, line));
        samples += 1;
        markReady();
      }
    }
  });
  child.on('exit', markReady);
  const deadline = setTimeout(markReady, 10000);
  const stop = () => new Promise((resolve) => {
    clearTimeout(deadline);
    child.once('exit', () => resolve({ peakKiB, samples }));
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ peakKiB, samples });
    }
    child.kill('SIGTERM');
  });
  return { ready, stop };
}

module.exports = { heapUsedKiB, liveHeapKiB, threadCount, sampleHeap };
