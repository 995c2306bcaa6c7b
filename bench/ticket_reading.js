#!/usr/bin/env node
/*
 * The ticket sets through a ticket matcher, in Node: how many go right first, and which
 * proposals are pages and which are questions. For the figures of issue 25 (before and after).
 *
 *   node bench/ticket_reading.js BUNDLE.json MATCHER.js [OLD_BUNDLE.json OLD_MATCHER.js]
 *
 * BUNDLE.json: written by tests/js/write_ticket_data.py (its ticket sets are used for both).
 * MATCHER.js: ticket-match.js, or an old ticket-box.js (which held the matcher before issue
 * 25), run with a window and no page. OLD_BUNDLE.json: the data of the old tree, e.g.
 *   git archive 3f2ab43 decision_tree | tar -x -C /tmp/old
 *   .venv/bin/python tests/js/write_ticket_data.py /tmp/old.json /tmp/old/decision_tree
 * With an old matcher it also counts the proposals that changed from a page to a question.
 */
"use strict";
const fs = require("fs");
const vm = require("vm");

function loadMatcher(file, data) {
  const code = fs.readFileSync(file, "utf8");
  const sandbox = { window: {}, self: {}, module: { exports: {} }, performance: { now: () => 0 }, Map, Set };
  sandbox.window.treeTicketData = undefined;
  sandbox.document = { getElementById: () => null };
  vm.runInNewContext(code, sandbox, { filename: file });
  const api = sandbox.module.exports.Matcher ? sandbox.module.exports : null;
  const Matcher = api ? api.Matcher : sandbox.window.TreeTicketMatcher;
  return new Matcher(data);
}

function top(matcher, text) {
  const answer = matcher.answer(text);
  const p = answer.proposals[0];
  // As the box shows it: nothing found links the first question; a not-covered notice alone is "none".
  return p ? p.href.split("#")[0] : answer.notCovered.length ? "none" : "index.html";
}

const isQuestion = (page) => page.startsWith("q/") || page === "index.html";

const [bundleFile, file, oldBundleFile, oldFile] = process.argv.slice(2);
const bundle = JSON.parse(fs.readFileSync(bundleFile, "utf8"));
const now = loadMatcher(file, bundle.data);
const old = oldFile ? loadMatcher(oldFile, JSON.parse(fs.readFileSync(oldBundleFile, "utf8")).data) : null;
for (const [name, set] of Object.entries(bundle.sets)) {
  let right = 0, rightOld = 0, toQuestion = 0, toPage = 0;
  const changed = [];
  for (const t of set) {
    const page = top(now, t.text);
    if (t.expect.includes(page)) right++;
    if (!old) continue;
    const before = top(old, t.text);
    if (t.expect.includes(before)) rightOld++;
    if (before !== page) changed.push(`  ${t.id}: ${before} -> ${page}${t.expect.includes(page) ? "" : "  (expected " + t.expect.join(" or ") + ")"}`);
    if (!isQuestion(before) && isQuestion(page)) toQuestion++;
    if (isQuestion(before) && !isQuestion(page)) toPage++;
  }
  console.log(`${name}: ${set.length} tickets, right first: ${right}` + (old ? ` (before: ${rightOld}); page -> question: ${toQuestion}; question -> page: ${toPage}` : ""));
  for (const line of changed) console.log(line);
}
