// Galleries in a story (galleries/gallery.html): the list of figures becomes a carousel.
// One photo at a time, swiped on phones (CSS scroll-snap), previous/next buttons, arrow
// keys on the photos, and a counter ("3/12") read out when the photo changes. Loaded only
// on pages with a gallery; every gallery is enhanced once, however many times it is loaded.
(function () {
  "use strict";

  function button(text, label) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    element.setAttribute("aria-label", label);
    return element;
  }

  function enhance(gallery) {
    if (gallery.hasAttribute("data-enhanced")) return;
    gallery.setAttribute("data-enhanced", "");
    var track = gallery.querySelector("[data-gallery-track]");
    var items = track ? track.children : [];
    var total = items.length;
    if (total < 2) return;

    var previous = button("‹", gallery.getAttribute("data-previous-text") || "Previous");
    var next = button("›", gallery.getAttribute("data-next-text") || "Next");
    var status = document.createElement("p");
    status.className = "gallery__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var controls = document.createElement("div");
    controls.className = "gallery__controls";
    controls.append(previous, status, next);
    gallery.classList.add("gallery--carousel");
    track.setAttribute("tabindex", "0");
    track.after(controls);

    var current = -1;

    function show(index) {
      index = Math.max(0, Math.min(total - 1, index));
      track.scrollTo({ left: index * track.clientWidth });
    }

    function update() {
      var index = Math.round(track.scrollLeft / Math.max(1, track.clientWidth));
      index = Math.max(0, Math.min(total - 1, index));
      if (index === current) return;
      current = index;
      status.textContent = index + 1 + "/" + total;
      previous.disabled = index === 0;
      next.disabled = index === total - 1;
      for (var i = 0; i < total; i++) {
        // Only the photo in view is offered to screen readers and the tab order.
        items[i].toggleAttribute("inert", i !== index);
      }
    }

    var pending = false;
    track.addEventListener("scroll", function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        update();
      });
    });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    gallery.addEventListener("keydown", function (event) {
      if (event.target.tagName === "BUTTON" && event.target.parentNode !== controls) return;
      if (event.key === "ArrowLeft") show(current - 1);
      else if (event.key === "ArrowRight") show(current + 1);
      else if (event.key === "Home") show(0);
      else if (event.key === "End") show(total - 1);
      else return;
      event.preventDefault();
    });
    window.addEventListener("resize", function () {
      var keep = current;
      current = -1;
      track.scrollTo({ left: keep * track.clientWidth, behavior: "instant" });
      update();
    });
    update();
  }

  function start() {
    document.querySelectorAll("[data-gallery-viewer]").forEach(enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
