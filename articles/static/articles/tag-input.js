/* Tags as chips: each tag a pill with a remove button; a comma or Enter closes the tag
   being typed, a space never does ("Đà Nẵng" is one tag). The original text field stays
   in the form (hidden) and always holds the tags, comma-separated, as the server reads
   them (articles/tags.py); without this script it is the plain text field. */
"use strict";
(function () {
  // "a, \"b, c\"" → ["a", "b, c"]: commas separate, double quotes may hold a comma.
  function split(text) {
    const names = [];
    let current = "";
    let quoted = false;
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i];
      if (char === '"' && quoted && text[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (char === '"' && (quoted || current.trim() === "")) {
        quoted = !quoted;
      } else if ((char === "," || char === "\n") && !quoted) {
        names.push(current);
        current = "";
      } else {
        current += char;
      }
    }
    names.push(current);
    return names.map((name) => name.replace(/\s+/g, " ").trim()).filter(Boolean);
  }

  function quote(name) {
    return /[",]/.test(name) ? '"' + name.replace(/"/g, '""') + '"' : name;
  }

  function enhance(field) {
    const names = [];
    const box = document.createElement("div");
    const chips = document.createElement("ul");
    const typing = document.createElement("input");
    const removeLabel = field.dataset.removeLabel || "Remove";

    box.className = "tag-input__box";
    chips.className = "tag-input__chips";
    typing.type = "text";
    typing.className = "tag-input__typing";
    typing.autocomplete = "off";
    typing.enterKeyHint = "done";
    typing.setAttribute("aria-label", field.dataset.typingLabel || "");
    // The field's label now points at the box where tags are typed.
    typing.id = field.id;
    field.id = field.id + "_value";
    if (field.getAttribute("aria-describedby")) {
      typing.setAttribute("aria-describedby", field.getAttribute("aria-describedby"));
    }
    field.type = "hidden";

    function sync() {
      field.value = names.map(quote).join(", ");
      chips.replaceChildren(
        ...names.map((name, index) => {
          const chip = document.createElement("li");
          const text = document.createElement("span");
          const remove = document.createElement("button");
          chip.className = "tag-input__chip";
          text.textContent = name;
          remove.type = "button";
          remove.className = "tag-input__remove";
          remove.textContent = "×";
          remove.setAttribute("aria-label", removeLabel + ": " + name);
          remove.addEventListener("click", () => {
            names.splice(index, 1);
            sync();
            typing.focus();
          });
          chip.append(text, remove);
          return chip;
        })
      );
    }

    function add(text) {
      split(text).forEach((name) => {
        const known = names.some((n) => n.toLocaleLowerCase() === name.toLocaleLowerCase());
        if (!known) {
          names.push(name);
        }
      });
      sync();
    }

    function commit() {
      if (typing.value.trim()) {
        add(typing.value);
      }
      typing.value = "";
    }

    typing.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // closes the tag, does not submit the form
        commit();
      } else if (event.key === "Backspace" && typing.value === "" && names.length) {
        names.pop();
        sync();
      }
    });
    // Phones' keyboards often send no usable key for a comma: watch what was typed.
    typing.addEventListener("input", () => {
      const value = typing.value;
      const cut = value.lastIndexOf(",");
      if (cut !== -1) {
        add(value.slice(0, cut));
        typing.value = value.slice(cut + 1).trimStart();
      }
    });
    typing.addEventListener("blur", commit);
    if (field.form) {
      field.form.addEventListener("submit", commit);
    }
    box.addEventListener("click", (event) => {
      if (event.target === box || event.target === chips) {
        typing.focus();
      }
    });

    add(field.value);
    box.append(chips, typing);
    field.after(box);
  }

  function start() {
    document.querySelectorAll("input.tag-input").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
