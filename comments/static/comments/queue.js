/* The moderators' queue (the comments' list in the admin): keyboard shortcuts.
   j / k: next / previous comment; x: select it; a: approve it; r: reject it (the page
   asking for the reason opens); Enter: open it to correct a typo. Nothing happens while
   typing in a field. */
(function () {
  "use strict";

  function ready() {
    var form = document.getElementById("changelist-form");
    if (!form || !document.body.classList.contains("model-comment")) return;
    var rows = Array.prototype.slice.call(form.querySelectorAll("#result_list tbody tr"));
    if (!rows.length) return;
    var current = -1;

    function focus(index) {
      if (current >= 0) rows[current].classList.remove("queue-current");
      current = Math.max(0, Math.min(rows.length - 1, index));
      rows[current].classList.add("queue-current");
      rows[current].scrollIntoView({ block: "nearest" });
    }

    function only(row) {
      rows.forEach(function (other) {
        var box = other.querySelector("input.action-select");
        if (box && box.checked !== (other === row)) box.click();
      });
    }

    function act(name) {
      if (current < 0) return;
      only(rows[current]);
      var select = form.querySelector("select[name=action]");
      select.value = name;
      var button = form.querySelector("button[name=index], input[name=index]");
      if (button) button.click(); else form.submit();
    }

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target.closest("input, textarea, select, [contenteditable]")) return;
      switch (event.key) {
        case "j": focus(current + 1); break;
        case "k": focus(current - 1); break;
        case "x": if (current >= 0) rows[current].querySelector("input.action-select").click(); break;
        case "a": act("approve"); break;
        case "r": act("reject"); break;
        case "Enter":
          if (current >= 0) {
            var link = rows[current].querySelector("th a, td a");
            if (link) window.location.href = link.href;
          }
          break;
        default: return;
      }
      event.preventDefault();
    });

    var style = document.createElement("style");
    style.textContent = "#result_list tr.queue-current td, #result_list tr.queue-current th { outline: 2px solid #a3151b; outline-offset: -2px; }";
    document.head.appendChild(style);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
