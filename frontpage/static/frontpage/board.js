/* The board screen of a curated front page (frontpage/board.py). Without this script it is
   a plain form: each place of each slot has a story number field and its own title, lead
   and image. With it, a search as you type adds a story to a slot, and stories move by
   drag and drop or with the Up, Down and Remove buttons (keyboard and phone users).
   Places stay where they are in the form: only their values (and what they show) move,
   so the fields keep their names and the form posts as it would without the script. */
"use strict";
(function () {
  const root = document.getElementById("board");
  const form = document.getElementById("board_form");
  if (!root || !form) {
    return;
  }
  const texts = JSON.parse(document.getElementById("board-texts").textContent);
  const FIELDS = ["story", "title", "lead", "image"];
  const STATES = ["is-filled", "is-flagged", "has-errors"];
  const searchForm = document.getElementById("board-search-form");
  const query = document.getElementById("board-q");
  const target = document.getElementById("board-target");
  const results = document.getElementById("board-results");
  const status = document.getElementById("board-search-status");

  root.classList.add("board--js");
  root.querySelectorAll("[data-js-only]").forEach((element) => {
    element.hidden = false;
  });

  function say(message) {
    status.textContent = message;
  }

  function places() {
    return Array.from(form.querySelectorAll("[data-place]"));
  }

  function field(place, name) {
    return place.querySelector('[data-field="' + name + '"]');
  }

  function isFilled(contents) {
    return contents.values.story.trim() !== "";
  }

  // What a place holds: its fields' values, what it shows of its story, its marks.
  function take(place) {
    const values = {};
    FIELDS.forEach((name) => {
      values[name] = field(place, name).value;
    });
    return {
      values: values,
      body: place.querySelector(".board-place__body"),
      states: STATES.filter((name) => place.classList.contains(name)),
    };
  }

  function body(story) {
    const wrapper = document.createElement("div");
    wrapper.className = "board-place__body";
    wrapper.append(story);
    return wrapper;
  }

  function nothing() {
    const template = document.getElementById("board-empty-story");
    return {
      values: { story: "", title: "", lead: "", image: "" },
      body: body(template.content.firstElementChild.cloneNode(true)),
      states: [],
    };
  }

  function found(story) {
    const shown = document.createElement("div");
    shown.className = "board-place__story";
    const title = document.createElement("a");
    title.className = "board-place__title";
    title.href = story.url;
    title.target = "_blank";
    title.rel = "noopener";
    title.textContent = story.title;
    shown.append(title, meta(story, "board-place__meta"));
    return {
      values: { story: String(story.id), title: "", lead: "", image: "" },
      body: body(shown),
      states: ["is-filled"],
    };
  }

  function meta(story, className) {
    const line = document.createElement("span");
    line.className = className;
    const parts = [texts.number.replace("%(number)s", story.id)];
    if (story.section) {
      parts.push(story.section);
    }
    parts.push(story.time);
    line.textContent = parts.join(" · ");
    if (story.scheduled) {
      const badge = document.createElement("strong");
      badge.className = "board-badge";
      badge.textContent = texts.scheduled;
      line.append(" · ", badge);
    }
    return line;
  }

  function state() {
    return places().map(take);
  }

  // Put ``all`` (one contents per place, in the form's order) back into the places.
  function render(all) {
    const every = places();
    every.forEach((place) => {
      const shown = place.querySelector(".board-place__body");
      if (shown) {
        shown.remove();
      }
    });
    every.forEach((place, index) => {
      const contents = all[index];
      FIELDS.forEach((name) => {
        field(place, name).value = contents.values[name];
      });
      place.querySelector("[data-handle]").after(contents.body);
      STATES.forEach((name) => {
        place.classList.toggle(name, contents.states.includes(name));
      });
      place.classList.toggle("is-filled", isFilled(contents));
      const overrides = place.querySelector("details");
      overrides.open = Boolean(contents.values.title || contents.values.lead || contents.values.image);
    });
    refresh();
  }

  // Counts, the buttons that can act, the handles of the places that can be dragged.
  function refresh() {
    form.querySelectorAll(".board-slot").forEach((slot) => {
      const filled = slot.querySelectorAll("[data-place].is-filled").length;
      slot.querySelector("[data-count]").textContent = filled + "/" + slot.dataset.capacity;
    });
    const every = places();
    every.forEach((place, index) => {
      const filled = place.classList.contains("is-filled");
      place.querySelector('[data-move="up"]').disabled = !filled || index === 0;
      place.querySelector('[data-move="down"]').disabled = !filled || index === every.length - 1;
      place.querySelector('[data-move="remove"]').disabled = !filled;
      place.querySelector("[data-handle]").hidden = !filled;
    });
    const onBoard = new Set(state().filter(isFilled).map((contents) => contents.values.story));
    results.querySelectorAll("[data-story-id]").forEach((item) => {
      item.classList.toggle("is-on-board", onBoard.has(item.dataset.storyId));
    });
  }

  function titleOf(contents) {
    const title = contents.body.querySelector(".board-place__title");
    return title ? title.textContent : contents.values.story;
  }

  // ``contents`` in at ``index``; the stories below move down into the next empty place
  // (the last one leaves the board when there is none). The story that left, or null.
  function insert(all, contents, index) {
    let hole = all.findIndex((other, at) => at >= index && !isFilled(other));
    let left = null;
    if (hole === -1) {
      hole = all.length - 1;
      left = all[hole];
    }
    all.splice(hole, 1);
    all.splice(index, 0, contents);
    return left;
  }

  // Up and down swap neighbours (across slots too); dropping on a story puts the dragged
  // one in its place and moves the ones between along; dropping on an empty place swaps.
  function move(from, to, swap) {
    const all = state();
    if (from === to || to < 0 || to >= all.length) {
      return false;
    }
    if (swap || !isFilled(all[to])) {
      [all[from], all[to]] = [all[to], all[from]];
    } else {
      const [moved] = all.splice(from, 1);
      all.splice(to, 0, moved);
    }
    render(all);
    say(texts.moved);
    return true;
  }

  function focusIn(index, kind) {
    const place = places()[index];
    let button = place.querySelector('[data-move="' + kind + '"]');
    if (button.disabled) {
      button = place.querySelector("[data-move]:not(:disabled)");
    }
    if (button) {
      button.focus();
    }
  }

  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-move]");
    if (!button) {
      return;
    }
    const index = places().indexOf(button.closest("[data-place]"));
    const kind = button.dataset.move;
    if (kind === "remove") {
      const all = state();
      all[index] = nothing();
      render(all);
      say(texts.removed);
      focusIn(index, "remove");
      return;
    }
    const to = kind === "up" ? index - 1 : index + 1;
    if (move(index, to, true)) {
      focusIn(to, kind);
    }
  });

  form.addEventListener("input", (event) => {
    if (event.target.matches('[data-field="story"]')) {
      event.target.closest("[data-place]").classList.toggle("is-filled", event.target.value.trim() !== "");
      refresh();
    }
  });

  // Drag and drop: a place is dragged by its handle only, so text in its fields can
  // still be selected with the mouse.
  let dragged = null;

  function clearOver() {
    form.querySelectorAll(".is-over").forEach((place) => place.classList.remove("is-over"));
  }

  form.addEventListener("pointerdown", (event) => {
    const handle = event.target.closest("[data-handle]");
    if (handle) {
      handle.closest("[data-place]").draggable = true;
    }
  });
  form.addEventListener("pointerup", () => {
    places().forEach((place) => {
      place.draggable = false;
    });
  });
  form.addEventListener("dragstart", (event) => {
    const place = event.target.closest && event.target.closest("[data-place]");
    if (!place || !place.draggable) {
      return;
    }
    dragged = place;
    place.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", field(place, "story").value);
  });
  form.addEventListener("dragover", (event) => {
    const over = dragged && event.target.closest("[data-place]");
    if (!over) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!over.classList.contains("is-over")) {
      clearOver();
      over.classList.add("is-over");
    }
  });
  form.addEventListener("drop", (event) => {
    const over = dragged && event.target.closest("[data-place]");
    if (!over) {
      return;
    }
    event.preventDefault();
    const every = places();
    move(every.indexOf(dragged), every.indexOf(over), false);
  });
  form.addEventListener("dragend", () => {
    if (dragged) {
      dragged.classList.remove("is-dragging");
      dragged.draggable = false;
    }
    dragged = null;
    clearOver();
  });

  // Search as you type

  let waiting = null;
  let asking = null;

  function add(story) {
    const all = state();
    if (all.some((contents) => contents.values.story === String(story.id))) {
      say(texts.already);
      return;
    }
    const slot = form.querySelector('.board-slot[data-slot="' + target.value + '"]');
    const index = places().indexOf(slot.querySelector("[data-place]"));
    const left = insert(all, found(story), index);
    render(all);
    const label = target.options[target.selectedIndex].text;
    let message = texts.added.replace("%(slot)s", label);
    if (left && isFilled(left)) {
      message += " " + texts.dropped.replace("%(title)s", titleOf(left));
    }
    say(message);
  }

  function show(stories) {
    results.replaceChildren(
      ...stories.map((story) => {
        const item = document.createElement("li");
        item.className = "board-result";
        item.dataset.storyId = String(story.id);
        const text = document.createElement("div");
        text.className = "board-result__text";
        const title = document.createElement("span");
        title.className = "board-result__title";
        title.textContent = story.title;
        text.append(title, meta(story, "board-result__meta"));
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = texts.add;
        button.addEventListener("click", () => add(story));
        item.append(text, button);
        return item;
      })
    );
    say(stories.length ? "" : texts.nothing);
    refresh();
  }

  async function search() {
    const words = query.value.trim();
    if (asking) {
      asking.abort();
    }
    if (words.length < 2 && !/^[0-9]$/.test(words)) {
      results.replaceChildren();
      say("");
      return;
    }
    asking = new AbortController();
    say(texts.searching);
    try {
      const response = await fetch(root.dataset.searchUrl + "?q=" + encodeURIComponent(words), {
        signal: asking.signal,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const answer = await response.json();
      if (!response.ok) {
        results.replaceChildren();
        say(answer.error || texts.failed);
        return;
      }
      show(answer.results);
    } catch (error) {
      if (error.name !== "AbortError") {
        say(texts.failed);
      }
    }
  }

  query.addEventListener("input", () => {
    clearTimeout(waiting);
    waiting = setTimeout(search, 250);
  });
  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(waiting);
    search();
  });

  refresh();
  if (query.value.trim()) {
    search();
  }
})();
