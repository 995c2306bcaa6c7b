/*
 * Phrases before words: every deployment label is read whole, with its qualifier, never by its
 * last word; a label our sources do not name leads to the question, not to a page. The labels
 * and qualifiers come from the tree's data, so a label added to the YAML is tested too.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, matcher, firstPage } = require("./tree.js");

const key = (tokens) => tokens.join(" ");
const qualified = data.nodes.filter((n) => n.options && n.qualifiers && n.qualifiers.length);

/* Which option of the node the ticket chose, by the page it leads to, or "question" when it stopped there. */
function choice(node, text) {
  const answer = matcher.answer(text);
  const page = firstPage(answer);
  if (page === node.url) return "question";
  const k = node.options.findIndex((o) => data.nodes.find((n) => n.id === o.to).url === page);
  return k < 0 ? `elsewhere: ${page}` : k;
}

function ticket(label) {
  return `Azure OpenAI, GPT-4o model, deployment type ${label}. Where are prompts processed?`;
}

test("a question with qualifiers exists (the deployment type)", () => {
  assert.ok(qualified.length >= 1);
});

for (const node of qualified) {
  const owner = new Map();
  node.options.forEach((o, k) => o.words.forEach((w) => owner.set(key(w), k)));

  test(`${node.id}: every label of an option leads to that option, alone and inside a sentence`, () => {
    node.options.forEach((o, k) => {
      for (const w of o.words) {
        assert.equal(choice(node, ticket(w.join(" "))), k, `'${w.join(" ")}'`);
        assert.equal(choice(node, ticket(w.join(" ") + " deployment")), k, `'${w.join(" ")} deployment'`);
      }
    });
  });

  test(`${node.id}: no label maps through its last word alone`, () => {
    for (const o of node.options)
      for (const w of o.words) {
        if (w.length < 2) continue;
        const last = w[w.length - 1];
        assert.ok(!owner.has(last), `'${last}', the last word of '${w.join(" ")}', is itself a label of an option`);
      }
  });

  // Every qualifier with the rest of every label: the option that lists the whole label, or the one the
  // qualifier alone names, or the question (a label our sources do not name). Never the option the rest
  // alone would choose ("Worldwide Standard deployment" is not "Standard deployment").
  const rests = new Map();
  for (const o of node.options)
    for (const w of o.words)
      for (const q of node.qualifiers)
        if (w.length > q.length && key(w.slice(0, q.length)) === key(q)) rests.set(key(w.slice(q.length)), w.slice(q.length));
  const qualifiers = node.qualifiers.concat([["worldwide"], ["planetary"]].filter((q) => !node.qualifiers.some((x) => key(x) === key(q))));
  for (const q of qualifiers) {
    test(`${node.id}: '${key(q)}' with the rest of every label is read whole`, () => {
      for (const rest of rests.values()) {
        const label = key(q.concat(rest));
        let want = owner.has(label) ? owner.get(label) : owner.has(key(q)) ? owner.get(key(q)) : "question";
        for (let n = q.length + 1; n < q.length + rest.length && want === "question"; n++) {
          const prefix = key(q.concat(rest).slice(0, n));
          if (owner.has(prefix)) want = owner.get(prefix);
        }
        const known = node.qualifiers.some((x) => key(x) === key(q));
        const notCovered = (data.not_covered || []).some((p) => p.words.some((w) => key(w) === label));
        // A word we do not know, capitalised before a label, as labels are written: "Planetary Standard".
        if (!known) want = "question";
        const written = known ? label : [q[0].charAt(0).toUpperCase() + q[0].slice(1), ...rest].join(" ");
        const got = choice(node, ticket(written + " deployment"));
        if (notCovered) assert.notEqual(typeof got, "number", `'${label}' is not covered but chose option ${got}`);
        else assert.equal(got, want, `'${written} deployment'`);
      }
    });
  }
}

test("a label our sources do not name is shown with the words read, and the question asked", () => {
  const answer = matcher.answer("Our Azure OpenAI deployment is Worldwide Standard. Where is it processed?");
  const top = answer.proposals[0];
  assert.equal(top.href, "q/aoai.html");
  assert.match(top.reasoning, /\u2018Worldwide Standard\u2019 is a label our sources do not name/);
});
