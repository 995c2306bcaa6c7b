/*
 * Site search that knows the tree: when the search query names an account,
 * product or deployment type (a pasted ticket, or "BC retention"), the page the
 * ticket box would propose is put first in Material's result list, marked
 * "Best match for these words", with the box's reasoning.
 *
 * The matching data and the matcher (ticket-data.js, ticket-box.js) load only
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
          return window.TreeTicketMatcher ? null : load("assets/javascripts/ticket-box.js");
        })
        .then(function () {
          matcher = new window.TreeTicketMatcher(window.treeTicketData);
          update();
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

  function hintFor(proposal) {
    var item = el("li", "md-search-result__item tree-ticket-hint");
    var a = el("a", "md-search-result__link");
    a.href = new URL(proposal.href, siteRoot()).href;
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("p", "tree-ticket-hint__label", "Best match for these words"));
    article.appendChild(el("h1", null, proposal.title));
    article.appendChild(el("p", null, proposal.reasoning));
    a.appendChild(article);
    item.appendChild(a);
    item.dataset.href = a.href;
    return item;
  }

  function update() {
    var input = document.querySelector("input.md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!matcher || !input || !list) return;
    var query = input.value.trim();
    var top = query ? matcher.answer(query).proposals[0] : null;
    var current = list.querySelector(".tree-ticket-hint");
    var href = top ? new URL(top.href, siteRoot()).href : null;
    if (current && (current !== list.firstElementChild || current.dataset.href !== href)) {
      current.remove();
      current = null;
    }
    if (top && !current && list.firstElementChild) list.insertBefore(hintFor(top), list.firstElementChild);
  }

  function watch() {
    var input = document.querySelector("input.md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || list.dataset.treeTicket) return;
    list.dataset.treeTicket = "1";
    input.addEventListener("focus", ready);
    input.addEventListener("input", function () {
      ready().then(update);
    });
    new MutationObserver(update).observe(list, { childList: true });
  }

  watch();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(watch);
})();
