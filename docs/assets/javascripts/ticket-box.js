/*
 * The ticket box on the start page: paste a ticket, get the page that answers it.
 *
 * How it works (README, "The ticket box"):
 * - The words come from the tree, never from this file: window.treeTicketData is
 *   generated at build time by hooks/treesite/ticketdata.py from each option's
 *   `synonyms` and from `site.glance[].words` in the tree YAML.
 * - The ticket is cut into tokens (lower case, runs of a-z and 0-9, as in
 *   ticketdata.tokens). Every word or phrase of the data that occurs is a match;
 *   a match inside a longer one ("Standard" in "Global Standard") is dropped.
 *   Tokens of 5 letters or more also match a word one typo away (a letter
 *   missing, extra, wrong or two swapped), at a lower weight.
 * - Each path from the start is scored in one pass over the nodes (parents
 *   first): a step whose option was named adds its weight; a step whose
 *   question was answered otherwise subtracts the other option's weight; a step
 *   the ticket says nothing about adds nothing. Every node reached by a named
 *   option is a candidate; the best first, two-way alternatives after it.
 * - Products our sources do not cover (`not_covered` in the tree YAML) are
 *   matched the same way, in the same pass, so a name inside a longer covered
 *   phrase is dropped, and a synonym inside a longer not-covered name too. The
 *   box then says plainly that the sources do not cover them, and names the
 *   nearest page only where the tree gives one.
 *
 * - The answer in place: the first proposal's At-a-glance card is shown in the box,
 *   from the rows the build put in the data (each node's `card`), the row the
 *   ticket asks about first; for a question page, also its question and options.
 *
 * Privacy: the text is read from the textarea and never sent, stored or put
 * in the URL. There is no form (nothing to submit), no fetch, no storage call.
 */
(function () {
  "use strict";

  var TOKEN = /[a-z0-9]+/g;
  var FUZZY_MIN = 5; // shorter words (abbreviations) must be typed exactly
  var FUZZY_WEIGHT = 0.7;
  var ALTERNATIVE_SHARE = 0.5; // an alternative must score at least half the best
  var MAX_PROPOSALS = 3;

  function tokenize(text) {
    var lower = text.toLowerCase();
    var out = [];
    var m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(lower)) !== null) out.push({ t: m[0], start: m.index, end: m.index + m[0].length });
    return out;
  }

  function fuzzyAllowed(word) {
    return word.length >= FUZZY_MIN && !/^[0-9]+$/.test(word);
  }

  /* True when a and b are at most one edit apart (insert, delete, substitute, swap neighbours). */
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function deletions(word) {
    var out = [];
    for (var i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
    return out;
  }

  /* Phrases to look for, indexed by first token; a deletion index finds words one typo away. */
  function Vocabulary(entries) {
    this.byFirst = new Map();
    this.words = new Set();
    this.near = new Map(); // deletion variant or word -> words of the vocabulary
    this.memo = new Map();
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      var list = this.byFirst.get(e.tokens[0]);
      if (!list) this.byFirst.set(e.tokens[0], (list = []));
      list.push(e);
      for (var j = 0; j < e.tokens.length; j++) this.addWord(e.tokens[j]);
    }
  }

  Vocabulary.prototype.addWord = function (word) {
    if (this.words.has(word)) return;
    this.words.add(word);
    if (!fuzzyAllowed(word)) return;
    var keys = deletions(word).concat([word]);
    for (var i = 0; i < keys.length; i++) {
      var list = this.near.get(keys[i]);
      if (!list) this.near.set(keys[i], (list = []));
      if (list.indexOf(word) < 0) list.push(word);
    }
  };

  /* Vocabulary words a ticket token stands for: itself, or words one typo away. */
  Vocabulary.prototype.readings = function (token) {
    var known = this.memo.get(token);
    if (known) return known;
    var out = [];
    if (this.words.has(token)) out.push({ word: token, exact: true });
    else if (fuzzyAllowed(token)) {
      var keys = deletions(token).concat([token]);
      var seen = new Set();
      for (var i = 0; i < keys.length; i++) {
        var list = this.near.get(keys[i]) || [];
        for (var j = 0; j < list.length; j++) {
          var w = list[j];
          if (!seen.has(w) && oneEdit(token, w)) {
            seen.add(w);
            out.push({ word: w, exact: false });
          }
        }
      }
    }
    this.memo.set(token, out);
    return out;
  };

  Vocabulary.prototype.tokenIs = function (token, word) {
    if (token === word) return 1;
    if (this.words.has(token) || !fuzzyAllowed(token) || !fuzzyAllowed(word)) return 0;
    return oneEdit(token, word) ? FUZZY_WEIGHT : 0;
  };

  /* Every phrase occurrence in the tokens; those strictly inside a longer match are dropped. */
  Vocabulary.prototype.find = function (toks) {
    var found = [];
    for (var i = 0; i < toks.length; i++) {
      var readings = this.readings(toks[i].t);
      for (var r = 0; r < readings.length; r++) {
        var entries = this.byFirst.get(readings[r].word) || [];
        for (var e = 0; e < entries.length; e++) {
          var phrase = entries[e].tokens;
          if (i + phrase.length > toks.length) continue;
          var weight = readings[r].exact ? 1 : FUZZY_WEIGHT;
          for (var k = 1; k < phrase.length && weight > 0; k++) weight = Math.min(weight, this.tokenIs(toks[i + k].t, phrase[k]));
          if (weight > 0) found.push({ ref: entries[e].ref, start: i, end: i + phrase.length, weight: weight });
        }
      }
    }
    return found.filter(function (m) {
      return !found.some(function (o) {
        return o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start;
      });
    });
  };

  var NOT_COVERED = "\u0001"; // ref prefix of a not-covered product; option refs are node + "\u0000" + index

  /* The matcher for one tree: built once from window.treeTicketData. */
  function Matcher(data) {
    this.data = data;
    this.nodes = new Map();
    this.notCovered = new Map();
    var optionEntries = [];
    var self = this;
    data.nodes.forEach(function (node) {
      self.nodes.set(node.id, node);
      (node.options || []).forEach(function (option, k) {
        option.words.forEach(function (tokens) {
          optionEntries.push({ tokens: tokens, ref: node.id + "\u0000" + k });
        });
      });
    });
    (data.not_covered || []).forEach(function (product) {
      self.notCovered.set(product.id, product);
      product.words.forEach(function (tokens) {
        optionEntries.push({ tokens: tokens, ref: NOT_COVERED + product.id });
      });
    });
    var questionEntries = [];
    data.questions.forEach(function (q) {
      q.words.forEach(function (tokens) {
        questionEntries.push({ tokens: tokens, ref: q.id });
      });
    });
    this.options = new Vocabulary(optionEntries);
    this.questions = new Vocabulary(questionEntries);
  }

  /* Sum of weights per ref, with the first match (for "from '...'"). */
  function tally(matches, text, toks) {
    var by = new Map();
    matches.forEach(function (m) {
      var t = by.get(m.ref);
      var words = text.slice(toks[m.start].start, toks[m.end - 1].end);
      if (!t) by.set(m.ref, { weight: m.weight, first: m.start, words: words });
      else {
        t.weight += m.weight;
        if (m.start < t.first) {
          t.first = m.start;
          t.words = words;
        }
      }
    });
    return by;
  }

  Matcher.prototype.answer = function (text) {
    var toks = tokenize(text);
    var named = tally(this.options.find(toks), text, toks);
    var asked = tally(this.questions.find(toks), text, toks);
    var question = null;
    this.data.questions.forEach(function (q) {
      var t = asked.get(q.id);
      if (t && (!question || t.weight > question.weight || (t.weight === question.weight && t.first < question.first)))
        question = { id: q.id, question: q.question, weight: t.weight, first: t.first };
    });

    var best = new Map();
    best.set(this.data.start, { score: 0, unknown: 0, first: Infinity, steps: [] });
    var self = this;
    this.data.nodes.forEach(function (node) {
      var here = best.get(node.id);
      if (!here || !node.options) return;
      var hits = node.options.map(function (_, k) {
        return named.get(node.id + "\u0000" + k) || null;
      });
      node.options.forEach(function (option, k) {
        var hit = hits[k];
        var rival = null;
        hits.forEach(function (h, j) {
          if (j !== k && h && (!rival || h.weight > rival.weight)) rival = h;
        });
        var state = hit ? "named" : rival ? "contradicted" : "unknown";
        var cand = {
          score: here.score + (hit ? hit.weight : rival ? -rival.weight : 0),
          unknown: here.unknown + (state === "unknown" ? 1 : 0),
          first: Math.min(here.first, hit ? hit.first : Infinity),
          steps: here.steps.concat([{ node: node, option: option, state: state, hit: hit, rival: rival }]),
        };
        var old = best.get(option.to);
        if (!old || cand.score > old.score || (cand.score === old.score && cand.unknown < old.unknown)) best.set(option.to, cand);
      });
    });

    var candidates = [];
    best.forEach(function (path, id) {
      var last = path.steps[path.steps.length - 1];
      if (last && last.state === "named") candidates.push({ node: self.nodes.get(id), path: path });
    });
    candidates.sort(function (a, b) {
      return b.path.score - a.path.score || a.path.first - b.path.first || b.path.steps.length - a.path.steps.length;
    });
    var kept = [];
    candidates.forEach(function (c) {
      if (kept.length >= MAX_PROPOSALS || c.path.score <= 0) return;
      if (kept.length && c.path.score < kept[0].path.score * ALTERNATIVE_SHARE) return;
      var onAPath = kept.some(function (k) {
        return k.path.steps.some(function (s) {
          return s.node.id === c.node.id;
        });
      });
      if (!onAPath) kept.push(c);
    });
    return {
      question: question,
      proposals: kept.map(function (c) {
        return self.proposal(c, question);
      }),
      notCovered: this.notCoveredNamed(named),
      start: this.nodes.get(this.data.start),
    };
  };

  /* The not-covered products the ticket names, first mentioned first, each with its nearest page if the tree gives one. */
  Matcher.prototype.notCoveredNamed = function (named) {
    var out = [];
    this.notCovered.forEach(function (product, id) {
      var hit = named.get(NOT_COVERED + id);
      if (!hit) return;
      var near = product.nearest;
      out.push({
        id: id,
        name: product.name,
        words: hit.words,
        first: hit.first,
        href: product.url,
        nearest: near ? { title: near.title, href: near.url, reason: near.reason } : null,
      });
    });
    return out.sort(function (a, b) {
      return a.first - b.first;
    });
  };

  /* One proposed page: its link (to the card row the ticket asks about) and the reasoning line. */
  Matcher.prototype.proposal = function (c, question) {
    var parts = c.path.steps.map(function (s) {
      var axis = s.node.axis;
      if (s.state === "named") return axis + ": " + s.option.short + " (from \u2018" + s.hit.words + "\u2019)";
      if (s.state === "contradicted") return axis + ": " + s.option.short + " (but the ticket says \u2018" + s.rival.words + "\u2019)";
      if (c.node.must.indexOf(s.option.to) >= 0) return axis + ": " + s.option.short + " (implied)";
      return axis + ": not stated";
    });
    var isQuestion = !!c.node.options;
    var reasoning = parts.join(" \u00b7 ");
    if (isQuestion) reasoning += " \u00b7 " + c.node.axis + ": not stated. " + c.node.ask;
    var href = c.node.url + (question && !isQuestion ? "#glance-" + question.id : "");
    return { id: c.node.id, title: c.node.title, href: href, reasoning: reasoning, score: c.path.score, node: c.node };
  };

  // The page ---------------------------------------------------------------------------

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  function sameWords(a, b) {
    return tokenize(a).map(function (t) { return t.t; }).join(" ") === tokenize(b).map(function (t) { return t.t; }).join(" ");
  }

  /*
   * "Our sources do not cover ...": one paragraph per not-covered product the ticket names.
   * resolve(href) turns the data's site-relative links into links for the page showing
   * them (the box is on the start page; search shows them on any page).
   */
  function notCoveredNotice(items, resolve) {
    var box = el("div", "ticket-result__not-covered");
    items.forEach(function (item) {
      var p = el("p", "ticket-result__nc");
      p.appendChild(document.createTextNode("Our sources do not cover "));
      p.appendChild(el("strong", null, item.name));
      var from = sameWords(item.words, item.name) ? "" : " (from \u2018" + item.words + "\u2019)";
      p.appendChild(document.createTextNode(from + ", so this site cannot answer for that. "));
      if (item.nearest) {
        p.appendChild(document.createTextNode("Nearest page that applies: "));
        p.appendChild(link(resolve(item.nearest.href), item.nearest.title));
        p.appendChild(document.createTextNode(". " + item.nearest.reason));
      } else {
        p.appendChild(document.createTextNode("No page of this site applies to it."));
      }
      box.appendChild(p);
    });
    return box;
  }

  /* The link to the list of what the sources do not cover, at the entry of the first product named. */
  function notCoveredListLink(items, resolve) {
    var p = el("p", "ticket-result__nc-list", "See ");
    p.appendChild(link(resolve(items[0].href), "what our sources do not cover"));
    p.appendChild(document.createTextNode("."));
    return p;
  }

  /* The proposed pages, best first; `lead` says how the first is introduced. */
  function proposalsBlock(proposals, lead) {
    var out = [];
    var top = proposals[0];
    var what = proposals.length > 1 ? "most likely: " : "go to: ";
    var first = el("p", "ticket-result__first", lead ? lead + what : what.charAt(0).toUpperCase() + what.slice(1));
    first.appendChild(link(top.href, top.title));
    out.push(first);
    out.push(el("p", "ticket-result__why", top.reasoning));
    if (proposals.length > 1) {
      out.push(el("p", "ticket-result__also", "The words point more than one way. Also possible:"));
      var list = el("ul", "ticket-result__others");
      proposals.slice(1).forEach(function (p) {
        var li = el("li");
        li.appendChild(link(p.href, p.title));
        li.appendChild(el("span", "ticket-result__why", " " + p.reasoning));
        list.appendChild(li);
      });
      out.push(list);
    }
    return out;
  }

  function same(href) {
    return href;
  }

  // The answer in place --------------------------------------------------------------------
  //
  // The proposed page's At-a-glance card, from the rows the build put in the data (each
  // node's `card`, made by the code that renders the page's own card; refine.py decides
  // which rows of a question page are settled and which depend on the next choice). The
  // row the ticket asks about comes first and is marked; each row has its "Sources
  // disagree" mark and its key quotes with their sources, as on the page. For a question
  // page, the question still to answer and its options as links. Built with DOM calls and
  // textContent only: tree text is never parsed as HTML.

  var DISAGREE = "Sources disagree";

  function rowLabel(node, q, asked) {
    var p = el("p", "ticket-card__label");
    p.appendChild(link(node.url + "#glance-" + q.id, q.label));
    if (asked) p.appendChild(el("span", "ticket-card__asked", " (the ticket asks this)"));
    return p;
  }

  function conflictMark(node, row) {
    var a = el("a", "ticket-card__conflict");
    a.href = node.url + "#note-" + row.conflict[0];
    a.title = DISAGREE + ": " + row.conflict[1];
    var sign = el("span", null, "\u26a0");
    sign.setAttribute("aria-hidden", "true");
    a.appendChild(sign);
    a.appendChild(document.createTextNode(" " + DISAGREE));
    return a;
  }

  /* The row's key quotes as the page's card shows them: the quotes of one paragraph
     together, then the source's short name (full title on hover) and a link to the paragraph. */
  function quotesBlock(data, row) {
    var out = el("div", "ticket-card__quotes");
    row.quotes.forEach(function (q) {
      var p = el("p", "ticket-card__quote");
      q[0].forEach(function (text, i) {
        if (i) p.appendChild(document.createTextNode(" \u2026 "));
        p.appendChild(el("span", "ticket-card__quote-text", "\u201c" + text + "\u201d"));
      });
      p.appendChild(document.createTextNode(" \u2014 "));
      var source = data.sources[q[1]];
      var a = link(q[3], source[0] + ", paragraph " + q[2]);
      a.title = source[1] + ", paragraph " + q[2];
      p.appendChild(a);
      out.appendChild(p);
    });
    return out;
  }

  /* One row's sentence as the page's card words it: silent, depends, settled, or settled with the rest to choose. */
  function rowAnswer(node, entry, row) {
    var p = el("p", "ticket-card__answer");
    var lead = null;
    if (entry.kind === "depends") lead = "Depends on the " + node.noun + ": choose below.";
    else if (row && row.silent) lead = "The sources do not say.";
    if (lead) p.appendChild(el("strong", "ticket-card__lead", lead));
    if (row) {
      p.appendChild(document.createTextNode((lead ? " " : "") + row.answer));
      if (row.conflict) {
        p.appendChild(document.createTextNode(" "));
        p.appendChild(conflictMark(node, row));
      }
    }
    if (entry.kind === "partial") p.appendChild(el("span", "ticket-card__more", " The rest depends on the " + node.noun + ": choose below."));
    return p;
  }

  /* The still-open question of a question page and its options, as links to the pages they lead to. */
  function nextQuestion(nodes, node) {
    var out = el("div", "ticket-card__next");
    out.appendChild(el("p", "ticket-card__ask", "Still to answer: " + node.ask));
    var list = el("ul", "ticket-card__options");
    node.options.forEach(function (option) {
      var li = el("li");
      li.appendChild(link(nodes.get(option.to).url, option.label));
      list.appendChild(li);
    });
    out.appendChild(list);
    return out;
  }

  /* The card of the proposed page: the title links the page; the asked row first; a question page's options last. */
  function cardBlock(data, nodes, node, question) {
    var section = el("section", "ticket-card");
    section.setAttribute("aria-labelledby", "ticket-card-title");
    var entries = node.card.slice();
    var title = el("h3", "ticket-card__title", entries.length ? "At a glance: " : "");
    title.id = "ticket-card-title";
    title.appendChild(link(node.url, node.title));
    if (node.options && entries.length) title.appendChild(document.createTextNode(", for every " + node.noun));
    section.appendChild(title);
    var labels = new Map();
    data.questions.forEach(function (q) {
      labels.set(q.id, q);
    });
    var asked = question ? question.id : null;
    entries.sort(function (a, b) {
      return (b.q === asked) - (a.q === asked); // stable: the asked row first, the others in card order
    });
    if (entries.length) {
      var list = el("ul", "ticket-card__rows");
      entries.forEach(function (entry) {
        var row = entry.row === undefined ? null : data.rows[entry.row];
        var isAsked = entry.q === asked;
        var li = el("li", "ticket-card__row" + (isAsked ? " ticket-card__row--asked" : ""));
        li.setAttribute("data-question", entry.q);
        if (entry.kind) li.setAttribute("data-kind", entry.kind);
        li.appendChild(rowLabel(node, labels.get(entry.q), isAsked));
        li.appendChild(rowAnswer(node, entry, row));
        if (row && row.quotes.length) li.appendChild(quotesBlock(data, row));
        list.appendChild(li);
      });
      section.appendChild(list);
    }
    if (node.options) section.appendChild(nextQuestion(nodes, node));
    return section;
  }

  /* The box's answer, block by block: what is not covered, the proposed pages, the question asked, the list link.
     The card of the first proposal goes into `card`, beside the live region (a screen reader announces the
     proposal, not four rows of quotes). */
  function show(result, card, answer, matcher) {
    result.replaceChildren();
    result.hidden = false;
    var top = answer.proposals[0];
    var nc = answer.notCovered;
    var blocks = [];
    if (nc.length) blocks.push(notCoveredNotice(nc, same));
    if (top) blocks = blocks.concat(proposalsBlock(answer.proposals, nc.length ? "For what our sources do cover, " : ""));
    else if (!nc.length) {
      var none = el("p", "ticket-result__none", "No account, product or deployment words found. Start with the first question: ");
      none.appendChild(link(answer.start.url + "#next-question", answer.start.ask));
      blocks.push(none);
    }
    if (answer.question) {
      var onCard = top && top.href.indexOf("#glance-") >= 0;
      blocks.push(
        el("p", "ticket-result__asks", "The ticket asks: " + answer.question.question + (onCard ? " The link opens that row of the answer." : ""))
      );
    }
    if (nc.length) blocks.push(notCoveredListLink(nc, same));
    blocks.forEach(function (b) {
      result.appendChild(b);
    });
    card.replaceChildren();
    card.hidden = !top;
    if (top) card.appendChild(cardBlock(matcher.data, matcher.nodes, top.node, answer.question));
  }

  /*
   * Makes the box of the start page's HTML (hooks/treesite/templates/_ticket_box.html.j2) work:
   * the matcher, the listeners, the card's place, then the text area and button enabled. The box
   * is already in its place (nothing is inserted above the options, so nothing moves); a box
   * already mounted (data-mounted) is left alone.
   */
  function mount() {
    var data = window.treeTicketData;
    var box = document.getElementById("ticket-box");
    if (!data || !box || box.hasAttribute("data-mounted")) return;
    box.setAttribute("data-mounted", "");
    var t0 = performance.now();
    var matcher = new Matcher(data);
    // For the benchmark (bench/ticket_box.py) and the tests; holds no ticket text.
    window.treeTicketBox = { answer: matcher.answer.bind(matcher), setupMs: performance.now() - t0 };
    var textarea = box.querySelector("textarea");
    var button = box.querySelector(".ticket-box__go");
    var result = box.querySelector(".ticket-result");
    var card = el("div", "ticket-answer");
    card.hidden = true;
    result.parentNode.insertBefore(card, result.nextSibling);
    var timer = null;
    function run() {
      clearTimeout(timer);
      if (textarea.value.trim()) show(result, card, matcher.answer(textarea.value), matcher);
      else {
        result.hidden = card.hidden = true;
        result.replaceChildren();
        card.replaceChildren();
      }
    }
    button.addEventListener("click", run);
    textarea.addEventListener("input", function (event) {
      clearTimeout(timer);
      // A pasted ticket is answered at once; typing waits for a pause.
      if (event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop") run();
      else timer = setTimeout(run, 300);
    });
    textarea.disabled = button.disabled = false;
  }

  /*
   * What the box needs from the scripts before it in the content: the global each one sets,
   * and its file. A script added there goes here too (see mountWhenReady).
   */
  var NEEDS = [{ global: "treeTicketData", file: "ticket-data.js" }];

  /*
   * Mount once every script the box needs has run, whatever order they run in.
   * On a page load the browser runs the content's scripts in document order. After Material's
   * instant navigation it does not: Material replaces every script of the new content with a
   * fresh copy in one go, and inserted scripts run in the order they finish loading, so this
   * file may run first (issue 22: the box did not come back in 3 runs of 10; the data was
   * missing, mount() returned and nothing called it again). Then the load event of each
   * missing script, which fires right after it has run, tries again; every copy of a file is
   * watched (search-ticket.js may have added one to the head), and mount() runs once.
   */
  function mountWhenReady() {
    var missing = NEEDS.filter(function (need) {
      return !window[need.global];
    });
    if (!missing.length) {
      mount();
      return;
    }
    var scripts = document.getElementsByTagName("script");
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].getAttribute("src") || "";
      missing.forEach(function (need) {
        if (src === need.file || src.slice(-need.file.length - 1) === "/" + need.file)
          scripts[i].addEventListener("load", mountWhenReady, { once: true });
      });
    }
  }

  // search-ticket.js (site search) uses the same matcher and the same notice, on every page.
  Matcher.notCoveredNotice = notCoveredNotice;
  Matcher.notCoveredListLink = notCoveredListLink;
  window.TreeTicketMatcher = Matcher;
  mountWhenReady();
})();
