/*
 * Site search that knows the tree: when the search query names an account,
 * product or deployment type (a pasted ticket, or "BC retention"), the page the
 * ticket box would propose is put first in Material's result list, marked
 * "Best match for these words", with the box's reasoning. When the query names a
 * product our sources do not cover (not_covered in the tree YAML), the box's
 * "not covered" notice comes first, above everything else: a notice, not a
 * result, so it holds ordinary links (the nearest page, if any, and the list).
 *
 * The matching data, the matcher and the box's notice (ticket-data.js, ticket-match.js,
 * ticket-box.js) load only
 * when the search box is first used, by <script> tags (they work from file://).
 * The query stays in the page: nothing is sent or stored.
 */
(function () {
  "use strict";

  var loading = null;
  var matcher = null;

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (e) {
      /* keep "." */
    }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(src, siteRoot()).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function ready() {
    if (!loading) {
      loading = (window.treeTicketData ? Promise.resolve() : load("assets/javascripts/ticket-data.js"))
        .then(function () {
          return window.TreeTicketMatch ? null : load("assets/javascripts/ticket-match.js");
        })
        .then(function () {
          return window.TreeTicketMatcher ? null : load("assets/javascripts/ticket-box.js");
        })
        .then(function () {
          matcher = new window.TreeTicketMatch.Matcher(window.treeTicketData);
          update();
          // From here on the list is kept up to date on every change (tests wait for this).
          var list = document.querySelector(".md-search-result__list");
          if (list) list.dataset.treeTicketReady = "1";
        });
    }
    return loading;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function resolve(href) {
    return new URL(href, siteRoot()).href;
  }

  function hintFor(proposal) {
    var item = el("li", "md-search-result__item tree-ticket-hint");
    var a = el("a", "md-search-result__link");
    a.href = resolve(proposal.href);
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("p", "tree-ticket-hint__label", "Best match for these words"));
    article.appendChild(el("h1", null, proposal.title));
    article.appendChild(el("p", null, proposal.reasoning));
    a.appendChild(article);
    item.appendChild(a);
    return item;
  }

  /* The box's notice for the not-covered products the query names, as the first item of the list. */
  function noticeFor(items) {
    var item = el("li", "md-search-result__item tree-ticket-notice");
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("p", "tree-ticket-hint__label", "Not covered by our sources"));
    article.appendChild(window.TreeTicketMatcher.notCoveredNotice(items, resolve));
    article.appendChild(window.TreeTicketMatcher.notCoveredListLink(items, resolve));
    item.appendChild(article);
    return item;
  }

  function ids(items) {
    return items
      .map(function (i) {
        return i.id;
      })
      .join(" ");
  }

  /* Keep [notice, best match] (each only when there is one) at the top of Material's list; touch it only when they change. */
  function update() {
    var input = document.querySelector("input.md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!matcher || !input || !list) return;
    var query = input.value.trim();
    var answer = query ? matcher.answer(query) : null;
    var top = answer ? answer.proposals[0] : null;
    var wanted = [];
    if (answer && answer.notCovered.length)
      wanted.push({
        key: "nc " + ids(answer.notCovered),
        make: function () {
          return noticeFor(answer.notCovered);
        },
      });
    // As before the notice: the best match joins Material's own results, never an empty list.
    if (top && list.querySelector(".md-search-result__item:not(.tree-ticket-notice):not(.tree-ticket-hint)"))
      wanted.push({
        key: "hint " + resolve(top.href),
        make: function () {
          return hintFor(top);
        },
      });
    var current = Array.prototype.filter.call(list.children, function (c) {
      return c.classList.contains("tree-ticket-notice") || c.classList.contains("tree-ticket-hint");
    });
    var inPlace =
      current.length === wanted.length &&
      current.every(function (c, i) {
        return list.children[i] === c && c.dataset.treeKey === wanted[i].key;
      });
    if (inPlace) return;
    current.forEach(function (c) {
      c.remove();
    });
    var before = list.firstElementChild;
    wanted.forEach(function (w) {
      var node = w.make();
      node.dataset.treeKey = w.key;
      list.insertBefore(node, before);
    });
  }

  function watch() {
    var input = document.querySelector("input.md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || list.dataset.treeTicket) return;
    list.dataset.treeTicket = "1";
    if (matcher) list.dataset.treeTicketReady = "1";
    input.addEventListener("focus", ready);
    input.addEventListener("input", function () {
      ready().then(update);
    });
    new MutationObserver(update).observe(list, { childList: true });
  }

  watch();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(watch);
})();
