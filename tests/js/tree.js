/*
 * The real tree's ticket data and the ticket sets, for the Node tests of ticket-match.js.
 *
 * Why generated here: the tests must read the data the build writes from decision_tree/,
 * never a copy that could drift. tests/js/write_ticket_data.py writes it once per test
 * process into a temporary folder (nothing is written into the repository). The Python is
 * the project's venv (.venv/bin/python, made by `make test`), or $PYTHON.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");

const REPO = path.resolve(__dirname, "..", "..");
const { Matcher, tokenize } = require(path.join(REPO, "docs", "assets", "javascripts", "ticket-match.js"));

function bundle() {
  const python = process.env.PYTHON || path.join(REPO, ".venv", "bin", "python");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ticket-match-"));
  try {
    const out = path.join(dir, "bundle.json");
    execFileSync(python, [path.join(__dirname, "write_ticket_data.py"), out], { stdio: ["ignore", "ignore", "inherit"] });
    return JSON.parse(fs.readFileSync(out, "utf8"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const { data, sets } = bundle();
const matcher = new Matcher(data);

/* The first proposal as the box shows it: its page, "none" for a not-covered notice alone, the first question when nothing is found. */
function firstPage(answer) {
  const p = answer.proposals[0];
  if (p) return p.href.split("#")[0];
  return answer.notCovered.length ? "none" : "index.html";
}

module.exports = { REPO, data, sets, matcher, Matcher, tokenize, firstPage };
