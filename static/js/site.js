/* The reader's site: small progressive enhancements. Every page works without them. */
(function () {
  "use strict";

  /* "Most read": report one view of this story. The page itself may come from a cache,
     so the count is a separate POST that the cache never answers. */
  function reportView() {
    var story = document.querySelector("[data-view-beacon]");
    if (!story) return;
    var url = story.getAttribute("data-view-beacon");
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    } else if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
    }
  }

  if (document.prerendering) {
    document.addEventListener("prerenderingchange", reportView, { once: true });
  } else {
    reportView();
  }

  /* "Copy link": the Clipboard API where it exists, else select the address in the
     visible field so the reader can copy it. */
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var share = button.closest("[data-share]");
    var field = share.querySelector("[data-copy-field]");
    var input = field.querySelector("input");
    var status = share.querySelector("[data-copy-status]");
    var timer;

    function say(message) {
      clearTimeout(timer);
      status.textContent = "";
      // A fresh text node, so screen readers announce it again on a second click.
      setTimeout(function () { status.textContent = message; }, 30);
      timer = setTimeout(function () { status.textContent = ""; }, 5000);
    }

    function selectField() {
      field.hidden = false;
      input.focus();
      input.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      say(button.getAttribute(copied ? "data-copied" : "data-copy-manually"));
    }

    field.hidden = true;
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-link");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () {
          say(button.getAttribute("data-copied"));
        }, selectField);
      } else {
        selectField();
      }
    });
  });

  /* The phone menu is a <details>: Escape or a click elsewhere closes it. */
  var menu = document.querySelector(".menu-panel");
  if (menu) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  }
})();
