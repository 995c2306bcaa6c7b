/*
 * "Copy for ticket": a button that copies the plain-text block of an answer
 * page. The block itself is in the page (a collapsed <details>), so without
 * JavaScript the text can still be opened and selected by hand; the button is
 * only added when a script can run it.
 */
(function () {
  "use strict";

  function addButton(details) {
    if (details.dataset.copyButton) return;
    details.dataset.copyButton = "1";
    var code = details.querySelector("pre code");
    if (!code) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-ticket-button";
    button.textContent = "Copy for ticket";
    var status = document.createElement("span");
    status.className = "copy-ticket-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      // textContent, not innerText: innerText is empty while the <details> is closed.
      var text = code.textContent.replace(/\n+$/, "") + "\n";
      copy(text).then(
        function () { status.textContent = "Copied. Paste it into the ticket."; },
        function () {
          details.open = true;
          status.textContent = "Could not copy: the text is shown below, select it by hand.";
        }
      );
    });
    var wrapper = document.createElement("p");
    wrapper.appendChild(button);
    wrapper.appendChild(status);
    details.parentNode.insertBefore(wrapper, details);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// pages are not a secure context: fall back to a hidden textarea.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function init() {
    document.querySelectorAll("details.ticket").forEach(addButton);
  }

  // Material's instant navigation swaps pages without a reload: re-run on each one.
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
