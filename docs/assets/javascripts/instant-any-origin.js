/*
 * Instant navigation on any origin. Material's instant navigation (a click
 * fetches only the next page's HTML) takes over a link only when the link is in
 * sitemap.xml, whose URLs are built from site_url. Served from anywhere else (a
 * plain static server of site/, 127.0.0.1:<port>, an intranet mirror), nothing
 * matched and every click was a full page load.
 *
 * This rewrites the sitemap's URLs from site_url's root to the root the page is
 * actually served from, just before Material parses it: both roots come from the
 * page itself (its canonical link and Material's base path). It must load before
 * Material's bundle (overrides/main.html puts it in the head). Nothing changes
 * without JavaScript, on file:// (the offline export, which has no instant
 * navigation) or where site_url already matches.
 */
(function () {
  "use strict";
  if (location.protocol !== "http:" && location.protocol !== "https:") return;
  var parse = DOMParser.prototype.parseFromString;

  function roots() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var config = document.getElementById("__config");
    if (!canonical || !config) return null;
    var base = JSON.parse(config.textContent).base.replace(/\/?$/, "/");
    return { from: new URL(base, canonical.href).href, to: new URL(base, location.href).href };
  }

  function rewrite(text, root) {
    var sources = "<loc>" + root.from + "s/";
    var kept = text.replace(/<url>[\s\S]*?<\/url>/g, function (entry) {
      return entry.indexOf(sources) === -1 ? entry : "";
    });
    return kept.split("<loc>" + root.from).join("<loc>" + root.to);
  }

  DOMParser.prototype.parseFromString = function (text, type) {
    if (type === "text/xml" && typeof text === "string" && text.indexOf("<urlset") !== -1) {
      try {
        var root = roots();
        if (root) text = rewrite(text, root);
      } catch (e) {
        /* leave the sitemap as it is: clicks are full page loads, as without this script */
      }
    }
    return parse.call(this, text, type);
  };
})();
