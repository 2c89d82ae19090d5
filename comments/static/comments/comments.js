/* Readers' comments under a story. The story's page is kept whole for every reader, so its
   form has no CSRF token nor ticket: asked for here when the reader starts writing (or
   likes a comment). Without this script the form stays hidden and a link opens its own
   page; likes need it. */
(function () {
  "use strict";

  var section = document.querySelector("[data-comments]");
  if (!section || !window.fetch) return;
  var form = section.querySelector("[data-comment-form]");
  var ticketUrl = form ? form.getAttribute("data-ticket") : null;
  var asked = null;
  var LIKED = "binh-luan-da-thich";

  function tokens() {
    if (!asked) {
      asked = fetch(ticketUrl || "/api/binh-luan/ve/", {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
      asked.catch(function () { asked = null; });
    }
    return asked;
  }

  function fill(answer) {
    form.elements.csrfmiddlewaretoken.value = answer.csrf;
    if (!form.elements.ticket.value) form.elements.ticket.value = answer.ticket;
    return answer;
  }

  if (form) {
    form.hidden = false;
    var replying = form.querySelector("[data-replying]");
    form.addEventListener("focusin", function () { tokens().then(fill).catch(function () {}); });
    form.addEventListener("submit", function (event) {
      if (form.elements.csrfmiddlewaretoken.value && form.elements.ticket.value) return;
      event.preventDefault();
      tokens().then(function (answer) { fill(answer); form.submit(); }).catch(function () {
        window.location.href = form.getAttribute("action");
      });
    });
    section.querySelectorAll("[data-reply]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        form.elements.parent.value = link.getAttribute("data-reply");
        replying.hidden = false;
        replying.firstChild.textContent = link.textContent + ": " + link.getAttribute("data-reply-name") + " ";
        form.scrollIntoView({ behavior: "smooth", block: "start" });
        form.elements.text.focus();
      });
    });
    form.querySelector("[data-reply-cancel]").addEventListener("click", function () {
      form.elements.parent.value = "";
      replying.hidden = true;
    });
  }

  var liked = [];
  try { liked = JSON.parse(localStorage.getItem(LIKED) || "[]"); } catch (error) { liked = []; }

  function markLiked(button, count) {
    button.setAttribute("aria-pressed", "true");
    button.disabled = true;
    button.textContent = button.getAttribute("data-liked-text");
    if (count !== undefined) {
      var shown = button.parentNode.querySelector("[data-like-count]");
      shown.textContent = shown.textContent.replace(/^\d+/, String(count));
    }
  }

  section.querySelectorAll("[data-like]").forEach(function (button) {
    var url = button.getAttribute("data-like");
    button.hidden = false;
    if (liked.indexOf(url) !== -1) markLiked(button);
    button.addEventListener("click", function () {
      button.disabled = true;
      tokens().then(function (answer) {
        return fetch(url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": answer.csrf, Accept: "application/json" }
        });
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (answer) {
        markLiked(button, answer.likes);
        liked = liked.concat([url]).slice(-200);
        try { localStorage.setItem(LIKED, JSON.stringify(liked)); } catch (error) { /* private mode */ }
      }).catch(function () { button.disabled = false; });
    });
  });
})();
