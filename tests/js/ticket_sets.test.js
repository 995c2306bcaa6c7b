/*
 * The repository's ticket sets through ticket-match.js: tests/tickets.yaml (tickets answered by
 * clicking), tests/ticket_cases.yaml (the box's table) and tests/js/ticket_reading.yaml (one or
 * more tickets for each class of miss of issue 25). Every ticket, not a share: the reading is
 * pure and fast, so each ticket is its own test.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { sets, matcher, firstPage } = require("./tree.js");

function offered(answer) {
  return answer.proposals.map((p) => p.href.split("#")[0]);
}

test("the ticket sets are there and big enough", () => {
  assert.ok(sets.tickets.length >= 5);
  assert.ok(sets.cases.length >= 40);
  assert.ok(sets.reading.length >= 50);
  const classes = new Set(sets.reading.map((t) => t.class));
  for (const c of ["deployment-label", "subject", "not-covered", "informal", "personal-use", "feature", "conflict", "long", "quoted"])
    assert.ok(classes.has(c), `no ticket of class ${c}`);
});

for (const t of sets.tickets) {
  test(`tickets.yaml ${t.id}: the page the clicks reach comes first`, () => {
    assert.equal(firstPage(matcher.answer(t.text)), t.expect[0]);
  });
}

for (const c of sets.cases) {
  test(`ticket_cases.yaml ${c.id}: first ${c.expect.join(" or ")}`, () => {
    const answer = matcher.answer(c.text);
    const first = firstPage(answer);
    assert.ok(c.expect.includes(first), `first ${first}; reasoning: ${answer.proposals.map((p) => p.reasoning).join(" | ")}`);
    for (const page of c.also || []) assert.ok(offered(answer).includes(page), `does not offer ${page}: ${offered(answer)}`);
    const top = answer.proposals[0];
    if (c.asks && top && first.startsWith("a/")) assert.equal(top.href, `${first}#glance-${c.asks}`);
  });
}

for (const t of sets.reading) {
  test(`ticket_reading.yaml ${t.class} ${t.id}: first ${t.expect.join(" or ")}`, () => {
    const answer = matcher.answer(t.text);
    const first = firstPage(answer);
    const why = answer.proposals.map((p) => `${p.href}: ${p.reasoning}`).join(" | ") + " " + answer.note;
    assert.ok(t.expect.includes(first), `first ${first}; ${why}`);
    for (const page of t.never || []) assert.ok(!offered(answer).slice(0, 1).includes(page), `proposes ${page} first: ${why}`);
    for (const page of t.also || []) assert.ok(offered(answer).includes(page), `does not offer ${page}: ${why}`);
    for (const id of t.not_covered || [])
      assert.ok(answer.notCovered.some((n) => n.id === id), `does not say that the sources do not cover ${id}`);
    for (const words of t.passing || [])
      assert.ok(answer.passing.some((p) => p.words === words), `does not report '${words}' as named in passing: ${answer.note}`);
  });
}
