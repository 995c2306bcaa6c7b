/*
 * The ticket's subject first, and never a confident wrong answer: a product our sources do not
 * cover is never routed to a covered answer page, whatever covered products it is said to use;
 * a product named in passing neither chooses nor contradicts; conflicting evidence gets the
 * question that splits it. The names come from the tree's data, so every name is tested.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, matcher, firstPage } = require("./tree.js");

const isAnswerPage = (page) => page.startsWith("a/");
const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
const phrase = (tokens) => tokens.join(" ");

// Covered products tickets name on the way, from the tree: every phrase of every option of the product question.
const work = nodeById.get("work");
const coveredNames = work.options.map((o) => phrase(o.words[0]));

// Every not-covered name in templates where the ticket's subject is that product.
const templates = [
  (n) => `Does ${n} train on our data?`,
  (n) => `Our team uses ${n}. Where are the prompts processed and who can read them?`,
  (n, c) => `${n} using ${c}: how long are prompts kept?`,
  (n, c) => `Question about ${n} running on ${c} with a Global Standard deployment. Where is it processed?`,
  (n, c) => `We use ${n}, which is built on ${c}, with our Entra work accounts. Is our data used for training?`,
];

for (const product of data.not_covered) {
  test(`not covered: ${product.id} is never routed to a covered answer page`, () => {
    let n = 0;
    for (const words of product.words) {
      const name = phrase(words);
      templates.forEach((make, i) => {
        const covered = coveredNames[(n + i) % coveredNames.length];
        const text = make(name, covered);
        const answer = matcher.answer(text);
        const page = firstPage(answer);
        assert.ok(answer.notCovered.some((p) => p.id === product.id), `'${text}': not said to be not covered`);
        // A nearest page is named in the notice, with its reason; it is never the proposal.
        assert.ok(!isAnswerPage(page), `'${text}' -> ${page}: ${answer.proposals.map((p) => p.reasoning).join(" | ")}`);
        n++;
      });
    }
  });
}

test("a covered product named in passing is reported, and neither chooses nor contradicts", () => {
  for (const o of work.options) {
    for (const other of work.options) {
      if (other === o) continue;
      const subject = phrase(o.words[0]);
      const passing = phrase(other.words[0]);
      const text = `Our question is about ${subject} running on ${passing}. Does it train on our prompts?`;
      const answer = matcher.answer(text);
      const target = nodeById.get(o.to);
      const page = firstPage(answer);
      // The subject's page, or a question below it: never the page of the product named in passing.
      const ok = page === target.url || answer.proposals[0].node.must.includes(o.to);
      assert.ok(ok, `'${text}' -> ${page}`);
      assert.ok(answer.passing.length >= 1, `'${text}': nothing reported in passing`);
    }
  }
});

test("two products of one question, both the subject: the question that splits them, with both pages offered", () => {
  let n = 0;
  for (const a of work.options)
    for (const b of work.options) {
      if (a === b) continue;
      const text = `Half of our staff use ${phrase(a.words[0])} and the other half ${phrase(b.words[0])}. Is our data used for training?`;
      const answer = matcher.answer(text);
      assert.equal(firstPage(answer), work.url, `'${text}'`);
      assert.match(answer.proposals[0].reasoning, /points more than one way/);
      const offered = answer.proposals.map((p) => p.node.id);
      for (const o of [a, b]) assert.ok(offered.includes(o.to) || answer.proposals.some((p) => p.node.must.includes(o.to)), `'${text}' does not offer ${o.to}`);
      n++;
    }
  assert.ok(n >= 20);
});

test("account words that disagree, named or implied by a product, get the account question", () => {
  const start = nodeById.get(data.start);
  const [workOption, personalOption] = start.options;
  for (const w of workOption.words.slice(0, 6))
    for (const p of personalOption.words.slice(0, 6)) {
      const text = `The user says ${phrase(w)} but also ${phrase(p)}. Is Copilot training on the chats?`;
      assert.equal(firstPage(matcher.answer(text)), start.url, `'${text}'`);
    }
  const app = nodeById.get("personal").options[0];
  const text = `We sign in with Entra ID and use the ${phrase(app.words[0])}. Training?`;
  assert.equal(firstPage(matcher.answer(text)), start.url, text);
});

test("every proposal says which words decided each step", () => {
  const texts = [
    "Entra user on GPT-4o with a Global Standard deployment, where is it processed?",
    "Microsoft 365 Copilot running on GPT-4o, does it train?",
    "AOAI Worldwide Standard deployment, where processed?",
    "Staff on Microsoft 365 Copilot, developers on Azure OpenAI: training?",
  ];
  for (const text of texts) {
    const answer = matcher.answer(text);
    assert.ok(answer.proposals.length, text);
    for (const p of answer.proposals) {
      assert.ok(p.reasoning.length > 10, `${text}: ${p.reasoning}`);
      for (const quoted of p.reasoning.matchAll(/\u2018([^\u2019]+)\u2019/g)) assert.ok(text.includes(quoted[1]), `${text}: '${quoted[1]}' is not in the ticket`);
    }
  }
});
