/*
 * The ticket box on the start page: paste a ticket, get the page that answers it.
 *
 * How it works (MAINTAINING.md, "The ticket box"): ticket-match.js reads the ticket (which words
 * it found, the page or the question they lead to, and why); this file builds the box on
 * the start page and shows that answer. The words come from the tree, never from these files:
 * window.treeTicketData is generated at build time by hooks/treesite/ticketdata.py.
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

  // The reading of the ticket is ticket-match.js (window.TreeTicketMatch, loaded before this
  // file): a pure function from the text and the tree's data to a proposal with its reasons.
  // This file shows it; it reads window.TreeTicketMatch only when it mounts or shows.

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
    var tokenize = window.TreeTicketMatch.tokenize;
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
     together, then the source's short name (full title on hover) linked to the passage. */
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
      var a = link(q[2], source[0]);
      a.title = source[1] + ": open the passage";
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
    if (answer.note) blocks.push(el("p", "ticket-result__passing", answer.note));
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
    if (!data || !window.TreeTicketMatch || !box || box.hasAttribute("data-mounted")) return;
    box.setAttribute("data-mounted", "");
    var t0 = performance.now();
    var matcher = new window.TreeTicketMatch.Matcher(data);
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
   * What the box needs from the scripts before it in the content: the window property each one sets,
   * and its file. A script added there goes here too (see mountWhenReady).
   */
  var NEEDS = [
    { sets: "treeTicketData", file: "ticket-data.js" },
    { sets: "TreeTicketMatch", file: "ticket-match.js" },
  ];

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
      return !window[need.sets];
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

  // search-ticket.js (site search) uses the same notice, on every page (the matcher is ticket-match.js).
  window.TreeTicketMatcher = { notCoveredNotice: notCoveredNotice, notCoveredListLink: notCoveredListLink };
  mountWhenReady();
})();
