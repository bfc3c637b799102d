'use strict';
// The result table: one row per measure, a Target column and a MISSED column that says
// "MISSED" plainly, "met", "n/a" (could not be measured; the Note says why) or "-" (no target).

const fs = require('fs');
const os = require('os');

/** A row. check: true = met, false = MISSED, null = not measured, undefined = no target. */
function row(scenario, measure, value, target, check, note = '') {
  let verdict = '-';
  if (check === true) {
    verdict = 'met';
  } else if (check === false) {
    verdict = 'MISSED';
  } else if (check === null) {
    verdict = 'n/a';
  }
  return { scenario, measure, value, target: target || '-', verdict, note };
}

/** The middle value (of an even count, the upper of the two middle ones). */
function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function fmt(number, digits = 2) {
  return Number.isFinite(number) ? number.toFixed(digits) : 'n/a';
}

function markdownTable(rows) {
  const head = '| # | measure | value | target | MISSED | note |\n| --- | --- | --- | --- | --- | --- |\n';
  const esc = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return head + rows.map((r) => `| ${r.scenario} | ${esc(r.measure)} | ${esc(r.value)} | ${esc(r.target)} | `
    + `${r.verdict} | ${esc(r.note)} |`).join('\n') + '\n';
}

function plainTable(rows) {
  const cells = [['#', 'measure', 'value', 'target', 'MISSED']]
    .concat(rows.map((r) => [String(r.scenario), r.measure, String(r.value), r.target, r.verdict]));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c) => c.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const seen = new Set();
  const notes = rows.filter((r) => r.note && !seen.has(r.note) && seen.add(r.note))
    .map((r) => `  [${r.scenario}] ${r.measure}: ${r.note}`);
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  ')]
    .concat(cells.slice(1).map(line)).join('\n') + (notes.length ? '\n\nNotes:\n' + notes.join('\n') : '') + '\n';
}

/** The machine and versions, as lines "key: value". */
function environment(info) {
  return [
    ['date (UTC)', new Date().toISOString().replace('T', ' ').slice(0, 19)],
    ['machine', `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`],
    ['couchgate', info.couchgateVersion],
    ['Java', info.javaVersion],
    ['Node.js', process.version],
    ['CouchDB', info.couchVersion],
    ['wrk', info.wrkVersion],
    ...(info.nginxVersion ? [['nginx', info.nginxVersion]] : []),
    ['settings', info.settings]
  ];
}

function writeMarkdown(file, info, rows, problems) {
  const env = environment(info).map(([k, v]) => `- ${k}: ${v}`).join('\n');
  const problemText = problems.length ? '\n## Problems in this run\n\n' + problems.map((p) => `- ${p}`).join('\n') + '\n' : '';
  const intro = fs.existsSync(file) ? keptIntro(fs.readFileSync(file, 'utf8')) : '';
  fs.writeFileSync(file, `${intro}## Latest run\n\n${env}\n\n${markdownTable(rows)}${problemText}`);
}

/** Everything above "## Latest run" in the existing file: the hand-written explanation. */
function keptIntro(text) {
  const at = text.indexOf('## Latest run');
  return at >= 0 ? text.slice(0, at) : text.trimEnd() + '\n\n';
}

module.exports = { row, fmt, median, plainTable, markdownTable, environment, writeMarkdown };
