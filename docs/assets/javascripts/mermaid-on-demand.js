/*
 * Mermaid, loaded only where a diagram is drawn.
 *
 * Material for MkDocs fetches Mermaid from a CDN unless a `mermaid` global
 * exists when it meets a diagram. Shipping the 3.5 MB library on every page
 * would make each first visit heavy, so this tiny stand-in defines the global
 * and loads the local copy (pinned in package-lock.json, shipped by
 * hooks/vendor_assets.py) the first time Material asks it to render. Material
 * calls only initialize() and render(); both are forwarded.
 */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined") return;
  var here = document.currentScript && document.currentScript.src;
  if (!here) return;
  var libraryUrl = new URL("../vendor/mermaid/mermaid.min.js", here).href;
  var settings = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = libraryUrl;
        tag.onload = function () {
          if (settings) window.mermaid.initialize(settings);
          resolve(window.mermaid);
        };
        tag.onerror = function () { reject(new Error("Could not load " + libraryUrl)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (config) { settings = config; },
    render: function () {
      var args = arguments;
      return load().then(function (library) { return library.render.apply(library, args); });
    }
  };
})();
