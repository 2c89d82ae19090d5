// The live blog: asks for new updates while the tab is visible and puts them on top;
// posts updates from the story's admin page without reloading it.
(function () {
  "use strict";

  function startPolling(section) {
    var list = section.querySelector("[data-live-updates]");
    var status = section.querySelector("[data-live-status]");
    var seconds = Number(section.dataset.interval) || 12;
    var timer = null;

    function known() {
      var ids = {};
      list.querySelectorAll("[data-update]").forEach(function (el) { ids[el.dataset.update] = el; });
      return ids;
    }

    function apply(data) {
      var ids = known();
      var fresh = data.updates.filter(function (u) { return !ids[u.id]; }).reverse();
      fresh.forEach(function (u) {
        var holder = document.createElement("div");
        holder.innerHTML = u.html;  // rendered and escaped by the server
        var node = holder.firstElementChild;
        var empty = list.querySelector(".live__empty");
        if (empty) { empty.remove(); }
        var firstUnpinned = list.querySelector("[data-update]:not(.live-update--pinned)");
        list.insertBefore(node, firstUnpinned);
      });
      if (fresh.length && status) {
        status.textContent = section.dataset.newText || (fresh.length + " new");
      }
      if (data.ended) {
        section.dataset.ended = "";
        var title = section.querySelector(".live__title");
        if (title) { title.textContent = section.dataset.endedText || ""; }
        stop();
      }
    }

    function tick() {
      if (document.hidden) { return; }
      fetch(section.dataset.poll, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) { apply(data); } })
        .catch(function () {});
    }

    function stop() { if (timer) { clearInterval(timer); timer = null; } }

    if (section.hasAttribute("data-ended")) { return; }
    timer = setInterval(tick, seconds * 1000);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) { tick(); } });
  }

  function startPosting(form) {
    var list = document.querySelector("[data-live-admin-updates]");
    var message = form.querySelector("[data-live-message]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value },
      })
        .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
        .then(function (result) {
          if (!result.ok) { message.textContent = result.data.error || "Error"; return; }
          var holder = document.createElement("div");
          holder.innerHTML = result.data.html;
          list.insertBefore(holder.firstElementChild, list.firstChild);
          form.reset();
          message.textContent = form.dataset.postedText || "";
        })
        .catch(function () { message.textContent = form.dataset.failedText || "Error"; })
        .finally(function () { button.disabled = false; });
    });
  }

  document.querySelectorAll("section.live[data-poll]").forEach(startPolling);
  document.querySelectorAll("form[data-live-post]").forEach(startPosting);
})();
