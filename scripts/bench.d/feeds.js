#!/usr/bin/env node
'use strict';
// Holds many idle continuous _changes feeds open, then closes them all.
//   node feeds.js <changes-url> <authorization> <count> <hold-ms>
// Prints JSON lines on stdout: {"event":"open",...} once every feed answered (or failed), and
// {"event":"done",...} after hold-ms, when it closes them all and exits 0. Sends 100 requests
// every 200 ms without waiting for answers (a server may send the headers of an empty feed
// only with its first heartbeat); every feed must answer 200 within 240 s (the dev server sets
// up about 25 feeds a second). Heartbeats (newlines) are counted; a feed silent for 30 s after
// its answer is closed (closedEarly).

const http = require('http');

const [url, authorization, countText, holdText] = process.argv.slice(2);
const count = Number(countText);
const holdMs = Number(holdText);
if (!url || !authorization || !(count > 0 && count <= 10000) || !(holdMs >= 0 && holdMs <= 600000)) {
  process.stderr.write('usage: feeds.js <changes-url> <authorization> <count 1..10000> <hold-ms 0..600000>\n');
  process.exit(2);
}
const host = new URL(url).hostname;
if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== 'localhost') {
  process.stderr.write(`feeds.js: refusing a non-loopback target: ${url}\n`);
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const requests = [];
const stats = { open: 0, failed: 0, closedEarly: 0, heartbeats: 0, firstError: null };

function openOne() {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers: { authorization, accept: 'application/json' } }, (res) => {
      if (res.statusCode !== 200) {
        stats.failed += 1;
        stats.firstError = stats.firstError || `status ${res.statusCode}`;
        res.resume();
        return resolve();
      }
      stats.open += 1;
      res.on('data', (chunk) => {
        stats.heartbeats += chunk.toString().split('\n').length - 1;
      });
      res.on('close', () => {
        if (!done) {
          stats.closedEarly += 1;
        }
      });
      resolve();
    });
    const answerTimer = setTimeout(() => req.destroy(new Error('no answer within 240 s')), 240000);
    req.on('response', (res) => {
      clearTimeout(answerTimer);
      res.socket.setTimeout(30000, () => req.destroy(new Error('silent for 30 s')));
    });
    req.on('close', () => clearTimeout(answerTimer));
    req.on('error', (err) => {
      stats.failed += 1;
      stats.firstError = stats.firstError || err.message;
      resolve();
    });
    requests.push(req);
  });
}

let done = false;

async function main() {
  const started = Date.now();
  const answers = [];
  for (let i = 0; i < count; i += 100) {
    for (let j = i; j < Math.min(count, i + 100); j += 1) {
      answers.push(openOne());
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await Promise.all(answers);
  console.log(JSON.stringify({ event: 'open', openMs: Date.now() - started, ...stats }));
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  const stillOpen = stats.open - stats.closedEarly;
  done = true;
  console.log(JSON.stringify({ event: 'done', stillOpen, ...stats }));
  requests.forEach((req) => req.destroy());
  process.exit(0);
}

main();
