/*
 * Reading a ticket: a pure function from the ticket's text and the tree's ticket data to a
 * proposal with its reasons. No DOM: the start page's box (ticket-box.js) and site search
 * (search-ticket.js) show what it returns; Node's test runner loads it with require().
 *
 * How it reads (MAINTAINING.md, "The ticket box"):
 * - The words come from the tree, never from this file: window.treeTicketData is generated at
 *   build time by hooks/treesite/ticketdata.py from each option's `synonyms` and `features`, a
 *   question's `qualifiers`, `site.glance[].words`, `not_covered` and `passing` in the tree YAML.
 * - Phrases before words. The ticket is cut into tokens (lower case, runs of a-z and 0-9, as in
 *   ticketwords.tokens). Of the phrases that overlap, the one that starts first wins, and the
 *   longest of those: "Global Standard deployment" is "Global Standard", never "Standard
 *   deployment". A question's qualifiers ("Global", "Worldwide", "Regional") make labels of their
 *   own with the rest of any label of that question: a label the options do not list
 *   ("Worldwide Standard") is read whole, as a label our sources do not name, and the box asks
 *   the question instead of reading the label by its last word. Tokens of 5 letters or more
 *   also match a word one typo away, at a lower weight.
 * - The ticket's subject first. A product named just after a passing word ("using", "running
 *   on") that follows another product in the same sentence is named in passing, as is one named
 *   right after a comparing word ("unlike", "like in"), a service the subject is built on
 *   (`built_on`: Business Central on Azure OpenAI), and a product named only inside a long
 *   quotation when another is named outside it: it neither chooses nor contradicts. When the subject is a product our sources do not cover, no page is proposed
 *   for it (the notice names the nearest page only where the tree gives one).
 * - Never a confident wrong answer. Each named option is also evidence for the choices every
 *   path to it passes through (Microsoft 365 Copilot is a work account's product). Where the
 *   evidence names two options of one question (two products, two deployment types, account
 *   words that disagree) or a label our sources do not name, the box proposes that question,
 *   with what it read, and offers the pages each way leads to.
 * - Features (content filters, voice conversations) count for the one option whose sources speak
 *   of them, only when the ticket names no option of that question.
 * - Each path from the start is scored in one pass over the nodes (parents first): a step whose
 *   option was named adds its weight; a step whose question was answered otherwise subtracts the
 *   other option's weight; a step the ticket says nothing about adds nothing.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TreeTicketMatch = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var TOKEN = /[a-z0-9]+/g;
  var FUZZY_MIN = 5; // shorter words (abbreviations) must be typed exactly
  var FUZZY_WEIGHT = 0.7;
  var FEATURE_WEIGHT = 0.5; // a feature is weaker evidence than the product's name
  var ALTERNATIVE_SHARE = 0.5; // an alternative must score at least half the best
  var MAX_PROPOSALS = 3;
  var PASSING_BEFORE = 2; // at most this many tokens between the subject and the passing word
  var PASSING_AFTER = 3; // and between the passing word and the product named in passing
  var COMPARING_AFTER = 1; // at most this many tokens between a comparing word and the product
  var QUOTE_MIN = 8; // a quotation of fewer tokens is a label ("Global Standard"), not a quoted document

  var OPTION = "\u0000"; // option refs are node + OPTION + index
  var NOT_COVERED = "\u0001"; // ref prefix of a not-covered product
  var OPEN = "\u0002"; // ref prefix of a label of a question that names none of its options
  var FEATURE = "\u0003"; // feature refs are node + FEATURE + index

  /*
   * Lower-case tokens with where they are: `sentence` (a number; sentences end at . ! ? before a
   * space, and at line ends) and `quote` (the number of the long quotation the token is in, or -1).
   * Quotations: between straight or curly double quotes, and lines starting with ">".
   */
  function tokenize(text) {
    var lower = text.toLowerCase();
    var out = [];
    var m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(lower)) !== null)
      out.push({ t: m[0], start: m.index, end: m.index + m[0].length, sentence: 0, quote: -1 });
    var sentence = 0;
    var inQuote = false;
    var lineQuote = false;
    var lineStart = true;
    var quoteId = -1;
    var k = 0;
    for (var i = 0; i < text.length && k < out.length; i++) {
      while (k < out.length && out[k].start === i) {
        out[k].sentence = sentence;
        out[k].quote = inQuote || lineQuote ? quoteId : -1;
        k++;
      }
      var c = text.charAt(i);
      if (c === "\n") {
        sentence++;
        lineQuote = false;
        lineStart = true;
        continue;
      }
      if (lineStart && c === ">") {
        lineQuote = true;
        quoteId++;
      }
      if (c !== " " && c !== "\t" && c !== "\r") lineStart = false;
      if (c === '"') {
        inQuote = !inQuote;
        if (inQuote) quoteId++;
      } else if (c === "\u201c") {
        inQuote = true;
        quoteId++;
      } else if (c === "\u201d") inQuote = false;
      else if ((c === "." || c === "!" || c === "?") && (i + 1 === text.length || /\s/.test(text.charAt(i + 1)))) sentence++;
    }
    var size = new Map();
    out.forEach(function (t) {
      if (t.quote >= 0) size.set(t.quote, (size.get(t.quote) || 0) + 1);
    });
    out.forEach(function (t) {
      if (t.quote >= 0 && size.get(t.quote) < QUOTE_MIN) t.quote = -1;
    });
    return out;
  }

  function fuzzyAllowed(word) {
    return word.length >= FUZZY_MIN && !/^[0-9]+$/.test(word);
  }

  /* True when a and b are at most one edit apart (insert, delete, substitute, swap neighbours). */
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length,
      lb = b.length;
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

  /*
   * The phrases of the ticket, phrases before words: of the matches that overlap, the one that
   * starts first wins, then the longest, then the surer (exact before one typo away). So a label
   * is read whole with its qualifier, never by its last word.
   */
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
          if (weight > 0) found.push({ ref: entries[e].ref, start: i, end: i + phrase.length, weight: weight, order: entries[e].order });
        }
      }
    }
    found.sort(function (a, b) {
      return a.start - b.start || b.end - a.end || b.weight - a.weight || a.order - b.order;
    });
    var kept = [];
    var last = null;
    found.forEach(function (m) {
      // The same words may be a phrase of several options (an option reached from two questions).
      var same = last && m.start === last.start && m.end === last.end && m.weight === last.weight;
      if (last && m.start < last.end && !same) return;
      if (same && kept.some(function (k) { return k.ref === m.ref && k.start === m.start; })) return;
      kept.push(m);
      last = m;
    });
    return kept;
  };

  function key(tokens) {
    return tokens.join(" ");
  }

  /* The matcher for one tree: built once from the ticket data. */
  function Matcher(data) {
    this.data = data;
    this.nodes = new Map();
    this.notCovered = new Map();
    this.questionOf = new Map(); // option or feature ref -> node id
    var entries = [];
    var self = this;
    function add(tokens, ref) {
      entries.push({ tokens: tokens, ref: ref, order: entries.length });
    }
    data.nodes.forEach(function (node) {
      self.nodes.set(node.id, node);
      (node.options || []).forEach(function (option, k) {
        option.words.forEach(function (tokens) {
          add(tokens, node.id + OPTION + k);
        });
        (option.features || []).forEach(function (tokens) {
          add(tokens, node.id + FEATURE + k);
        });
      });
    });
    (data.not_covered || []).forEach(function (product) {
      self.notCovered.set(product.id, product);
      product.words.forEach(function (tokens) {
        add(tokens, NOT_COVERED + product.id);
      });
    });
    this.heads = new Map(); // node id -> first words of the rests of its qualified labels ("standard")
    var known = new Set(
      entries.map(function (e) {
        return key(e.tokens);
      })
    );
    data.nodes.forEach(function (node) {
      self.labels(node, known).forEach(function (label) {
        add(label.tokens, label.ref);
      });
    });
    this.options = new Vocabulary(entries);
    var questionEntries = [];
    data.questions.forEach(function (q) {
      q.words.forEach(function (tokens) {
        questionEntries.push({ tokens: tokens, ref: q.id, order: questionEntries.length });
      });
    });
    this.questions = new Vocabulary(questionEntries);
    this.passing = new Vocabulary(
      (data.passing || []).map(function (tokens, i) {
        return { tokens: tokens, ref: "passing", order: i };
      })
    );
    this.comparing = new Vocabulary(
      (data.comparing || []).map(function (tokens, i) {
        return { tokens: tokens, ref: "comparing", order: i };
      })
    );
    this.must = new Map();
    data.nodes.forEach(function (node) {
      self.must.set(node.id, node.must);
    });
  }

  /*
   * The labels a question's qualifiers make with the rest of its options' labels: "Worldwide" +
   * "Standard" (the rest of "Global Standard"). A label that is already a phrase of the tree is
   * left to it; one whose qualifier is itself a phrase of one option ("DataZone") is that option;
   * any other names none of the options (OPEN), so the box asks the question.
   */
  Matcher.prototype.labels = function (node, known) {
    var quals = node.qualifiers || [];
    if (!quals.length || !node.options) return [];
    var rests = new Map();
    var owner = new Map(); // phrase -> option index, for qualifiers that are phrases of one option
    node.options.forEach(function (option, k) {
      option.words.forEach(function (tokens) {
        owner.set(key(tokens), k);
        quals.forEach(function (q) {
          if (tokens.length > q.length && key(tokens.slice(0, q.length)) === key(q)) rests.set(key(tokens.slice(q.length)), tokens.slice(q.length));
        });
      });
    });
    var heads = new Set();
    rests.forEach(function (rest) {
      heads.add(rest[0]);
    });
    this.heads.set(node.id, heads);
    var out = [];
    quals.forEach(function (q) {
      rests.forEach(function (rest) {
        var tokens = q.concat(rest);
        // A label that starts with a phrase of the tree ("Regional Standard" + "deployment") is that phrase.
        for (var n = q.length + 1; n <= tokens.length; n++) if (known.has(key(tokens.slice(0, n)))) return;
        known.add(key(tokens));
        var k = owner.get(key(q));
        out.push({ tokens: tokens, ref: k === undefined ? OPEN + node.id : node.id + OPTION + k });
      });
    });
    return out;
  };

  /* The option a match names (by synonym or feature), or null. */
  Matcher.prototype.optionOf = function (ref) {
    var c = ref.charAt(0);
    if (c === NOT_COVERED || c === OPEN) return null;
    var i = ref.indexOf(OPTION);
    var sep = i < 0 ? FEATURE : OPTION;
    if (i < 0) i = ref.indexOf(FEATURE);
    var node = this.nodes.get(ref.slice(0, i));
    return node.options[Number(ref.slice(i + sep.length))];
  };

  Matcher.prototype.targetOf = function (ref) {
    var option = this.optionOf(ref);
    return option ? option.to : null;
  };

  /*
   * A label with a qualifier we do not know: an option's phrase that starts with the rest of a
   * qualified label ("Standard deployment"), right after a capitalised word of the same sentence
   * that no phrase explains ("Planetary Standard deployment"). Read whole, as a label our sources
   * do not name: the box asks the question rather than read it by its last words.
   */
  Matcher.prototype.markUnknownQualifiers = function (matches, toks, text) {
    var self = this;
    var covered = new Set();
    matches.forEach(function (m) {
      for (var i = m.start; i < m.end; i++) covered.add(i);
    });
    matches.forEach(function (m) {
      var node = questionOfRef(m.ref);
      var heads = node && self.heads.get(node);
      if (!heads || m.ref.charAt(0) === OPEN || !heads.has(toks[m.start].t)) return;
      var i = m.start - 1;
      if (i < 1 || covered.has(i)) return;
      var prev = toks[i];
      var c = text.charAt(prev.start);
      var adjacent = /^ +$/.test(text.slice(prev.end, toks[m.start].start));
      var inside = toks[i - 1].sentence === prev.sentence; // not the sentence's first word
      if (!adjacent || !inside || prev.sentence !== toks[m.start].sentence || c === c.toLowerCase()) return;
      m.ref = OPEN + node;
      m.start = i;
    });
  };

  /* Which question a match answers: the node id for options, features and open labels; null for a not-covered product. */
  function questionOfRef(ref) {
    if (ref.charAt(0) === NOT_COVERED) return null;
    if (ref.charAt(0) === OPEN) return ref.slice(1);
    var i = ref.indexOf(OPTION);
    if (i < 0) i = ref.indexOf(FEATURE);
    return ref.slice(0, i);
  }

  /* Two matches compete for the ticket's subject when they answer the same question, or one names a product we do not cover. */
  function compete(a, b) {
    if (a.ref === b.ref) return false;
    var qa = questionOfRef(a.ref),
      qb = questionOfRef(b.ref);
    return qa === null || qb === null || qa === qb;
  }

  /*
   * Matches named in passing: right after a passing word that follows a competing product in the
   * same sentence ("Copilot in Dynamics 365 Sales using an Azure OpenAI endpoint"), or only inside
   * a long quotation while a competing product is named outside it. Each gets `passing`: why.
   */
  Matcher.prototype.markPassing = function (matches, toks, text) {
    // A product our sources do not cover is never set aside: the box always says it does not cover it.
    var all = matches;
    matches = matches.filter(function (m) {
      return m.ref.charAt(0) !== NOT_COVERED;
    });
    var passes = this.passing.find(toks);
    passes.forEach(function (p) {
      var before = [],
        after = null;
      all.forEach(function (m) {
        if (m.end <= p.start && p.start - m.end <= PASSING_BEFORE && toks[m.start].sentence === toks[p.start].sentence) before.push(m);
        if (!after && m.start >= p.end && m.start - p.end <= PASSING_AFTER && toks[m.start].sentence === toks[p.start].sentence) after = m;
      });
      var subject = before.some(function (b) {
        return !b.passing && after && compete(b, after);
      });
      if (subject && matches.indexOf(after) >= 0) after.passing = "after \u2018" + text.slice(toks[p.start].start, toks[p.end - 1].end) + "\u2019";
    });
    // After a comparing word ("unlike", "like in"), while another competing product is named.
    this.comparing.find(toks).forEach(function (c) {
      var m = null;
      all.forEach(function (x) {
        if (!m && x.start >= c.end && x.start - c.end <= COMPARING_AFTER && toks[x.start].sentence === toks[c.start].sentence) m = x;
      });
      var covered = m && matches.indexOf(m) >= 0;
      if (covered && !m.passing && all.some(function (o) { return o !== m && !o.passing && compete(m, o); }))
        m.passing = "after ‘" + text.slice(toks[c.start].start, toks[c.end - 1].end) + "’";
    });
    // A service the subject is built on, as the subject's sources say (built_on in the tree).
    var self = this;
    matches.forEach(function (m) {
      var target = self.targetOf(m.ref);
      if (m.passing || !target) return;
      // Only when the subject came first, in an earlier sentence: "Half use Business Central, half
      // Azure OpenAI" names two subjects.
      var base = matches.filter(function (o) {
        var option = self.optionOf(o.ref);
        var earlier = o.start < m.start && toks[o.start].sentence < toks[m.start].sentence;
        return !o.passing && earlier && option && (option.built_on || []).indexOf(target) >= 0 && compete(m, o);
      })[0];
      if (base) m.passing = "the service " + self.optionOf(base.ref).short + " is built on";
    });
    matches.forEach(function (m) {
      if (m.passing || toks[m.start].quote < 0) return;
      var outside = all.some(function (o) {
        return !o.passing && toks[o.start].quote < 0 && compete(m, o);
      });
      if (outside) m.passing = "in a quotation";
    });
    // The same words chose an option at each question that lists them: in passing at all of them.
    matches.forEach(function (m) {
      if (m.passing) return;
      var twin = matches.filter(function (o) {
        return o.passing && o.start === m.start && o.end === m.end;
      })[0];
      if (twin) m.passing = twin.passing;
    });
  };

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

  /*
   * What the ticket says at each question: `hits[k]` the option it names (a feature counts only
   * when no option of the question is named), `evidence[k]` every reason for option k, named or
   * implied by an option further down that every path reaches only through it.
   */
  Matcher.prototype.evidence = function (named) {
    var self = this;
    var at = new Map();
    function slot(nodeId) {
      var s = at.get(nodeId);
      if (!s) {
        var node = self.nodes.get(nodeId);
        s = { hits: node.options.map(function () { return null; }), evidence: node.options.map(function () { return []; }), open: null };
        at.set(nodeId, s);
      }
      return s;
    }
    // Only the questions the ticket names something at: the cost grows with the ticket, not the tree.
    var asked = new Set();
    named.forEach(function (_, ref) {
      var id = questionOfRef(ref);
      if (id !== null) asked.add(id);
    });
    asked.forEach(function (id) {
      var node = self.nodes.get(id);
      var direct = node.options.map(function (_, k) {
        return named.get(node.id + OPTION + k) || null;
      });
      var any = direct.some(Boolean);
      node.options.forEach(function (option, k) {
        var hit = direct[k];
        if (!hit && !any) {
          var f = named.get(node.id + FEATURE + k);
          if (f) hit = { weight: f.weight * FEATURE_WEIGHT, first: f.first, words: f.words, feature: true };
        }
        if (!hit) return;
        var s = slot(node.id);
        s.hits[k] = hit;
        s.evidence[k].push({ words: hit.words, feature: !!hit.feature, first: hit.first });
      });
      var open = named.get(OPEN + node.id);
      if (open) slot(node.id).open = open;
    });
    // Implied: a named option is evidence for the choices on every path to its page.
    named.forEach(function (hit, ref) {
      if (ref.charAt(0) === NOT_COVERED || ref.charAt(0) === OPEN || ref.indexOf(OPTION) < 0) return;
      var node = self.nodes.get(questionOfRef(ref));
      var option = self.optionOf(ref);
      var must = self.must.get(option.to);
      for (var i = 0; i + 1 < must.length; i++) {
        var up = self.nodes.get(must[i]);
        if (up.id === node.id || !up.options) continue;
        for (var j = 0; j < up.options.length; j++) {
          if (up.options[j].to !== must[i + 1]) continue;
          var s = slot(up.id);
          if (!s.evidence[j].some(function (e) { return e.words === hit.words; }))
            s.evidence[j].push({ words: hit.words, implied: option.short, first: hit.first });
        }
      }
    });
    return at;
  };

  Matcher.prototype.answer = function (text) {
    var toks = tokenize(text);
    var self = this;
    var matches = this.options.find(toks);
    this.markUnknownQualifiers(matches, toks, text);
    this.markPassing(matches, toks, text);
    var subject = matches.filter(function (m) {
      return !m.passing;
    });
    var named = tally(subject, text, toks);
    var asked = tally(this.questions.find(toks), text, toks);
    var question = null;
    this.data.questions.forEach(function (q) {
      var t = asked.get(q.id);
      if (t && (!question || t.weight > question.weight || (t.weight === question.weight && t.first < question.first)))
        question = { id: q.id, question: q.question, weight: t.weight, first: t.first };
    });
    var at = this.evidence(named);

    var best = new Map();
    best.set(this.data.start, { score: 0, unknown: 0, first: Infinity, steps: [] });
    var candidates = [];
    this.data.nodes.forEach(function (node) {
      var here = best.get(node.id);
      if (!here || !node.options) return;
      var s = at.get(node.id);
      var hits = s ? s.hits : [];
      if (s && s.open && !hits.some(Boolean))
        candidates.push({ node: node, path: { score: here.score + s.open.weight, unknown: here.unknown, first: Math.min(here.first, s.open.first), steps: here.steps }, open: s.open });
      node.options.forEach(function (option, k) {
        var hit = hits[k] || null;
        var rival = null;
        hits.forEach(function (h, j) {
          if (j !== k && h && (!rival || h.weight > rival.weight)) rival = h;
        });
        var state = hit ? "named" : rival ? "contradicted" : "unknown";
        var cand = {
          score: here.score + (hit ? hit.weight : rival ? -rival.weight : 0),
          unknown: here.unknown + (state === "unknown" ? 1 : 0),
          first: Math.min(here.first, hit ? hit.first : Infinity),
          steps: here.steps.concat([{ node: node, k: k, option: option, state: state, hit: hit, rival: rival }]),
        };
        var old = best.get(option.to);
        if (!old || cand.score > old.score || (cand.score === old.score && cand.unknown < old.unknown)) best.set(option.to, cand);
      });
    });
    best.forEach(function (path, id) {
      var last = path.steps[path.steps.length - 1];
      if (last && last.state === "named") candidates.push({ node: self.nodes.get(id), path: path });
    });
    candidates.sort(function (a, b) {
      return b.path.score - a.path.score || a.path.first - b.path.first || b.path.steps.length - a.path.steps.length;
    });

    var notCovered = this.notCoveredNamed(named);
    if (notCovered.length) {
      // The subject is a product our sources do not cover. A page is proposed only for a product
      // (a choice below the first question) that the ticket names as well, not in passing; and
      // none when the ticket puts a covered product in passing under it ("using Azure OpenAI"):
      // then what else it says (a deployment type) is about that product, not a subject of its own.
      var under = matches.some(function (m) {
        return m.passing && m.ref.charAt(0) !== NOT_COVERED;
      });
      candidates = candidates.filter(function (c) {
        return !under && c.path.steps.some(function (s) {
          return s.state === "named" && s.node.id !== self.data.start;
        });
      });
    }

    var proposals = [];
    var top = candidates.filter(function (c) {
      return c.path.score > 0;
    })[0];
    var split = top ? this.conflict(top, at) : null;
    if (split) proposals = this.splitProposals(split, candidates, question);
    else {
      var kept = [];
      candidates.forEach(function (c) {
        if (kept.length >= MAX_PROPOSALS || c.path.score <= 0) return;
        if (kept.length && c.path.score < kept[0].path.score * ALTERNATIVE_SHARE) return;
        var onAPath = kept.some(function (k) {
          return k.node.id === c.node.id || k.path.steps.some(function (s) {
            return s.node.id === c.node.id;
          });
        });
        if (!onAPath) kept.push(c);
      });
      proposals = kept.map(function (c) {
        return self.proposal(c, question);
      });
    }
    var passingNamed = matches
      .filter(function (m) {
        return m.passing;
      })
      .map(function (m) {
        return { words: text.slice(toks[m.start].start, toks[m.end - 1].end), why: m.passing };
      });
    return {
      question: question,
      proposals: proposals,
      notCovered: notCovered,
      passing: passingNamed,
      note: passingNamed.length
        ? "Named in passing, not read as the ticket's subject: " +
          passingNamed
            .map(function (p) {
              return "\u2018" + p.words + "\u2019 (" + p.why + ")";
            })
            .join(", ") +
          "."
        : "",
      start: this.nodes.get(this.data.start),
    };
  };

  /* The first question on the candidate's path (or the candidate itself) where the evidence points two ways; null if none. */
  Matcher.prototype.conflict = function (c, at) {
    var nodes = c.path.steps.map(function (s) {
      return s.node;
    });
    if (c.node.options) nodes.push(c.node);
    for (var i = 0; i < nodes.length; i++) {
      var s = at.get(nodes[i].id);
      if (!s) continue;
      var ways = [];
      s.evidence.forEach(function (ev, k) {
        if (ev.length) ways.push(k);
      });
      if (ways.length >= 2 || (s.open && ways.length)) return { node: nodes[i], steps: c.path.steps.slice(0, i), ways: ways, open: s.open, evidence: s.evidence };
    }
    return null;
  };

  function quoted(words) {
    return "\u2018" + words + "\u2019";
  }

  /* The reasoning for the steps up to a page: named, contradicted, implied, not stated. */
  function stepParts(steps, target) {
    return steps.map(function (s) {
      var axis = s.node.axis;
      if (s.state === "named")
        return axis + ": " + s.option.short + " (from " + quoted(s.hit.words) + (s.hit.feature ? ", a feature our sources speak of only for it" : "") + ")";
      if (s.state === "contradicted") return axis + ": " + s.option.short + " (but the ticket says " + quoted(s.rival.words) + ")";
      if (target.must.indexOf(s.option.to) >= 0) return axis + ": " + s.option.short + " (implied)";
      return axis + ": not stated";
    });
  }

  /* The question that splits the evidence, with what the box read for each way, then the pages each way leads to. */
  Matcher.prototype.splitProposals = function (split, candidates, question) {
    var self = this;
    var node = split.node;
    function firstOf(k) {
      return Math.min.apply(null, split.evidence[k].map(function (e) { return e.first; }));
    }
    var ways = split.ways.slice().sort(function (a, b) {
      return firstOf(a) - firstOf(b); // first mentioned first
    });
    var read = ways.map(function (k) {
      var ev = split.evidence[k].slice().sort(function (a, b) {
        return a.first - b.first;
      });
      return (
        node.options[k].short +
        " (from " +
        ev
          .map(function (e) {
            return quoted(e.words) + (e.implied && e.implied !== node.options[k].short ? ", which is " + e.implied : "");
          })
          .join(" and ") +
        ")"
      );
    });
    if (split.open) read.push("a label our sources do not name (" + quoted(split.open.words) + ")");
    var parts = stepParts(split.steps, node);
    parts.push(node.axis + ": the ticket points more than one way: " + read.join("; ") + ". " + node.ask);
    var first = { id: node.id, title: node.title, href: node.url, reasoning: parts.join(" \u00b7 "), score: 0, node: node, split: true };
    var out = [first];
    ways.forEach(function (k) {
      var to = node.options[k].to;
      var best = null;
      candidates.forEach(function (c) {
        if (best || c.node.id === node.id) return;
        var through = c.node.id === to || c.path.steps.some(function (s) {
          return s.node.id === node.id && s.k === k;
        });
        if (through) best = c;
      });
      var p = best ? self.proposal(best, question) : self.proposalFor(self.nodes.get(to), question);
      if (out.length <= MAX_PROPOSALS && !out.some(function (o) { return o.id === p.id; })) out.push(p);
    });
    return out;
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
    var parts = stepParts(c.path.steps, c.node);
    var isQuestion = !!c.node.options;
    var reasoning = parts.join(" \u00b7 ");
    if (isQuestion && c.open)
      reasoning +=
        (reasoning ? " \u00b7 " : "") + c.node.axis + ": " + quoted(c.open.words) + " is a label our sources do not name. " + c.node.ask;
    else if (isQuestion) reasoning += (reasoning ? " \u00b7 " : "") + c.node.axis + ": not stated. " + c.node.ask;
    var href = c.node.url + (question && !isQuestion ? "#glance-" + question.id : "");
    return { id: c.node.id, title: c.node.title, href: href, reasoning: reasoning, score: c.path.score, node: c.node };
  };

  /* A page the ticket points to only through a split: linked with a short reason. */
  Matcher.prototype.proposalFor = function (node, question) {
    var href = node.url + (question && !node.options ? "#glance-" + question.id : "");
    return { id: node.id, title: node.title, href: href, reasoning: "One way the ticket points.", score: 0, node: node };
  };

  return { Matcher: Matcher, tokenize: tokenize };
});
