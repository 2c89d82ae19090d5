/* "Check before handing in" (articles.admin_desk.ChecksMixin): sends the edit form as it
   stands, unsaved, and puts each problem under its field. Messages are set as text, never
   as HTML. */
(function () {
  "use strict";

  function run(box) {
    var form = box.closest("form") || document.querySelector("#content-main form");
    var button = box.querySelector(".desk-checks-run");
    var result = box.querySelector(".desk-checks-result");
    if (!form) return;
    // CKEditor 5 writes into its textarea only when the form is submitted.
    if (window.editors) {
      Object.keys(window.editors).forEach(function (id) {
        var editor = window.editors[id];
        if (editor && editor.updateSourceElement) editor.updateSourceElement();
      });
    }
    var data = new FormData(form);
    data.delete("workflow_action");
    button.disabled = true;
    fetch(box.dataset.url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": data.get("csrfmiddlewaretoken") || "", "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (answer) { show(box, form, answer); })
      .catch(function () { say(result, box.dataset.failed, "errornote"); })
      .finally(function () { button.disabled = false; });
  }

  function say(result, text, className) {
    result.textContent = "";
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    result.appendChild(p);
  }

  function list(messages) {
    var ul = document.createElement("ul");
    ul.className = "errorlist desk-check-problems";
    messages.forEach(function (message) {
      var li = document.createElement("li");
      li.textContent = message;
      ul.appendChild(li);
    });
    return ul;
  }

  function show(box, form, answer) {
    var result = box.querySelector(".desk-checks-result");
    form.querySelectorAll(".desk-check-problems").forEach(function (el) { el.remove(); });
    if (answer.ready) {
      say(result, box.dataset.ready, "desk-checks-ok");
      return;
    }
    say(result, box.dataset.count, "errornote");
    var elsewhere = [];
    Object.keys(answer.problems).forEach(function (field) {
      var row = field === "__all__" ? null : form.querySelector(".form-row.field-" + field + ", .form-row .field-" + field);
      var messages = answer.problems[field];
      if (row) {
        row.insertBefore(list(messages), row.firstChild);
      } else {
        elsewhere = elsewhere.concat(messages);
      }
    });
    if (elsewhere.length) result.appendChild(list(elsewhere));
    var first = form.querySelector(".desk-check-problems");
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".desk-checks[data-url]").forEach(function (box) {
      box.hidden = false;
      box.querySelector(".desk-checks-run").addEventListener("click", function () { run(box); });
    });
  });
})();
