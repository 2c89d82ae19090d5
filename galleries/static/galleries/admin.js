// A gallery's admin page: the "Copy" button next to the block for a story's body. It is
// copied as HTML too, so that pasting it in the story's editor (CKEditor) makes the card.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    var text = source.textContent;
    var done = function () { button.textContent = button.getAttribute("data-copied"); };
    if (window.ClipboardItem && navigator.clipboard.write) {
      navigator.clipboard
        .write([
          new ClipboardItem({
            "text/html": new Blob([text], { type: "text/html" }),
            "text/plain": new Blob([text], { type: "text/plain" }),
          }),
        ])
        .then(done, function () { navigator.clipboard.writeText(text).then(done); });
    } else {
      navigator.clipboard.writeText(text).then(done);
    }
  });
})();
