// Embeds load only when the reader asks (so no provider sees the visit before that):
// a YouTube picture becomes the youtube-nocookie frame on click; a "Load content from …"
// button loads that provider's script, which turns every post of it on the page into
// the real thing. Served only with pages that have an embed.
(function () {
  "use strict";

  function play(event) {
    var link = event.currentTarget;
    var figure = link.closest("[data-embed-frame]");
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.className = "embed__frame";
    frame.src = figure.dataset.embedFrame;
    frame.title = link.textContent.trim();
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    // YouTube refuses to play in a frame that sends no referrer.
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    link.replaceWith(frame);
    frame.focus();
  }

  var asked = {};

  function load(provider, src) {
    document.querySelectorAll("[data-embed-provider='" + provider + "'] .embed__load")
      .forEach(function (button) { button.remove(); });
    if (asked[src]) { return; }
    asked[src] = true;
    if (provider === "facebook" && !document.getElementById("fb-root")) {
      var root = document.createElement("div");
      root.id = "fb-root";
      document.body.prepend(root);
    }
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    if (provider === "facebook") { script.crossOrigin = "anonymous"; }
    document.body.appendChild(script);
  }

  document.querySelectorAll("[data-embed-frame] .embed__facade").forEach(function (link) {
    link.addEventListener("click", play);
  });
  document.querySelectorAll("[data-embed-script]").forEach(function (figure) {
    var button = figure.querySelector(".embed__load");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      load(figure.dataset.embedProvider, figure.dataset.embedScript);
    });
  });
})();
