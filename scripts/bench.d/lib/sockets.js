'use strict';
// couchgate's TCP connections seen from outside, in /proc: which are open to a port, and when one of them closes.
// Loopback only; Java's sockets are dual-stack, so its IPv4 connections appear in /proc/net/tcp6 as ::ffff:127.0.0.1.

const fs = require('fs');
const { performance } = require('perf_hooks');
const { sleep } = require('./proc');

// A socket still open on its owner's side: ESTABLISHED (01), or CLOSE_WAIT (08: the peer closed, the owner not yet).
const OPEN_STATES = new Set(['01', '08']);

/** Every TCP socket of the network namespace: [{localPort, remotePort, state, inode}] (/proc/net/tcp and tcp6). */
function tcpTable() {
  const sockets = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      continue; // no IPv6 in this kernel
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9) {
        const port = (address) => parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
        sockets.push({ localPort: port(f[1]), remotePort: port(f[2]), state: f[3], inode: f[9] });
      }
    }
  }
  return sockets;
}

/** The inodes of the sockets process pid holds open (/proc/<pid>/fd links "socket:[inode]"). */
function socketInodes(pid) {
  const inodes = new Set();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) {
        inodes.add(match[1]);
      }
    } catch (err) {
      // closed meanwhile
    }
  }
  return inodes;
}

/** pid's open connections to remotePort: [{localPort, remotePort, inode}]. */
function connectionsTo(pid, remotePort) {
  const own = socketInodes(pid);
  return tcpTable().filter((s) => s.remotePort === remotePort && OPEN_STATES.has(s.state) && own.has(s.inode));
}

/**
 * Polls every intervalMs until each connection (an object with localPort and remotePort: the side to watch) is no
 * longer open on that side, or deadlineMs passed. Resolves a Map connection → performance.now() of the first poll that
 * found it closed (absent: still open at the deadline).
 */
async function closeTimes(connections, { deadlineMs, intervalMs = 10 }) {
  const closed = new Map();
  const end = performance.now() + deadlineMs;
  while (closed.size < connections.length && performance.now() < end) {
    const open = new Set(tcpTable().filter((s) => OPEN_STATES.has(s.state)).map((s) => `${s.localPort}>${s.remotePort}`));
    const now = performance.now();
    connections.filter((c) => !closed.has(c) && !open.has(`${c.localPort}>${c.remotePort}`))
      .forEach((c) => closed.set(c, now));
    await sleep(intervalMs);
  }
  return closed;
}

module.exports = { connectionsTo, closeTimes };
