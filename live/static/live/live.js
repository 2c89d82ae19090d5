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

  // The panel sits inside the story's admin form, so it is no form itself: its fields are
  // gathered here and posted on their own.
  function startPosting(panel) {
    var list = document.querySelector("[data-live-admin-updates]");
    var message = panel.querySelector("[data-live-message]");
    var button = panel.querySelector("[data-live-send]");
    var fields = panel.querySelectorAll("[data-field]");

    function send() {
      var data = new FormData();
      fields.forEach(function (field) {
        if (field.type === "checkbox") {
          if (field.checked) { data.append(field.dataset.field, "on"); }
        } else {
          data.append(field.dataset.field, field.value);
        }
      });
      button.disabled = true;
      fetch(panel.dataset.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: {
          "X-CSRFToken": document.querySelector("[name=csrfmiddlewaretoken]").value,
          Accept: "application/json",
        },
      })
        .then(function (r) { return r.json().then(function (d) { return { ok: r.ok, data: d }; }); })
        .then(function (result) {
          if (!result.ok) { message.textContent = result.data.error || panel.dataset.failedText; return; }
          var holder = document.createElement("div");
          holder.innerHTML = result.data.html;  // rendered and escaped by the server
          list.insertBefore(holder.firstElementChild, list.firstChild);
          fields.forEach(function (field) {
            if (field.type === "checkbox") { field.checked = false; } else { field.value = ""; }
          });
          message.textContent = panel.dataset.postedText || "";
        })
        .catch(function () { message.textContent = panel.dataset.failedText || ""; })
        .finally(function () { button.disabled = false; });
    }

    button.addEventListener("click", send);
    fields.forEach(function (field) {
      if (field.tagName === "INPUT") {
        // Enter would submit the story's form.
        field.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); send(); }
        });
      }
    });
  }

  // Starting or ending the coverage: the buttons belong to a form of their own outside the
  // story's form; it is posted here and the page stays as it is, unsaved edits included.
  function startCoverage(box) {
    var form = document.getElementById("live-coverage-form");
    var message = box.querySelector("[data-live-coverage-message]");
    if (!form) { return; }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter || box.querySelector("button[name=action]");
      var data = new FormData(form);
      data.append(button.name, button.value);
      button.disabled = true;
      message.textContent = "";
      // Not form.action: the buttons named "action" belong to this form and shadow it.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: {
          "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value,
          Accept: "application/json",
        },
      })
        .then(function (r) { return r.json().then(function (d) { return { ok: r.ok, data: d }; }); })
        .then(function (result) {
          if (!result.ok) { message.textContent = result.data.error || box.dataset.failedText; return; }
          var live = result.data.live;
          button.value = live ? "end" : "start";
          button.textContent = live ? box.dataset.endText : box.dataset.startText;
          var posting = document.querySelector("[data-live-post]");
          if (live && posting) { posting.hidden = false; }
          message.textContent = live ? box.dataset.startedText : box.dataset.endedText;
        })
        .catch(function () { message.textContent = box.dataset.failedText || ""; })
        .finally(function () { button.disabled = false; });
    });
  }

  document.querySelectorAll("section.live[data-poll]").forEach(startPolling);
  document.querySelectorAll("[data-live-post]").forEach(startPosting);
  document.querySelectorAll("[data-live-coverage]").forEach(startCoverage);
})();
