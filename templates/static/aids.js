// Reading aids for article pages: pinyin ruby over the characters and an English gloss per
// word. Both are off until the reader switches them on; the choice is remembered in
// localStorage. The per-article annotation JSON is fetched only when an aid is first on; it
// is stored raw-deflated (about a third of the bytes), which the browser inflates natively.
// An article's file names the common words by their number in a shared dictionary
// (aids/words.bin, fetched once with the first article's file and then cached).
(function () {
  "use strict";
  var article = document.querySelector("[data-aids]");
  // The bar's words in the page's language (aids-text.js beside the tree's home page,
  // written from the interface catalogue).
  var TEXT = window.siteAidsText;
  if (!article || !TEXT || !window.fetch || typeof DecompressionStream === "undefined") {
    return;
  }
  var root = document.documentElement;
  var bar = makeBar();
  var status = bar.querySelector(".aids-status");
  var STORE = "site-builder.aids.";
  var CLASS = { pinyin: "aids-pinyin", gloss: "aids-gloss" };
  var HAN = /\p{Script=Han}/u;
  var loading = null;

  // The bar is made here rather than sent hidden in every article page: without this
  // script it does nothing (it was about 450 bytes of each page).
  function makeBar() {
    var el = document.createElement("div");
    el.className = "aids-bar";
    var label = document.createElement("span");
    label.className = "aids-label";
    label.textContent = TEXT.label;
    el.appendChild(label);
    ["pinyin", "gloss"].forEach(function (name) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-aid-toggle", name);
      button.setAttribute("aria-pressed", "false");
      button.textContent = TEXT[name];
      el.appendChild(button);
    });
    var state = document.createElement("span");
    state.className = "aids-status";
    state.setAttribute("role", "status");
    el.appendChild(state);
    article.insertBefore(el, article.querySelector(".meta"));
    return el;
  }

  function remembered(name) {
    try {
      return window.localStorage.getItem(STORE + name) === "on";
    } catch (e) {
      return false;
    }
  }

  function remember(name, on) {
    try {
      window.localStorage.setItem(STORE + name, on ? "on" : "off");
    } catch (e) {
      // Private mode: the aid still works for this page.
    }
  }

  function ruby(base, reading) {
    var r = document.createElement("ruby");
    r.appendChild(document.createTextNode(base));
    var rt = document.createElement("rt");
    rt.textContent = reading;
    r.appendChild(rt);
    return r;
  }

  // One token [text, pinyin, gloss]: a ruby per character when the syllables line up with
  // the Han characters, else one ruby over the whole word.
  function word(token) {
    var text = token[0];
    var reading = token[1] || "";
    var gloss = token[2];
    if (!HAN.test(text)) {
      return document.createTextNode(text);
    }
    var span = document.createElement("span");
    span.className = "w";
    if (gloss) {
      span.setAttribute("data-gloss", gloss);
    }
    var chars = Array.from(text);
    var syllables = reading.trim().split(/\s+/).filter(Boolean);
    var hanCount = chars.filter(function (c) { return HAN.test(c); }).length;
    if (syllables.length === hanCount) {
      var i = 0;
      chars.forEach(function (c) {
        span.appendChild(HAN.test(c) ? ruby(c, syllables[i++]) : document.createTextNode(c));
      });
    } else if (reading) {
      span.appendChild(ruby(text, reading));
    } else {
      span.textContent = text;
    }
    return span;
  }

  function apply(data) {
    document.querySelectorAll("[data-aid]").forEach(function (el) {
      var tokens = data.blocks[Number(el.getAttribute("data-aid"))];
      if (!tokens) {
        return;
      }
      var joined = tokens.map(function (t) { return t[0]; }).join("");
      // Never lay aids over text they were not made for.
      if (joined !== el.textContent) {
        return;
      }
      var fragment = document.createDocumentFragment();
      tokens.forEach(function (t) { fragment.appendChild(word(t)); });
      el.replaceChildren(fragment);
    });
  }

  function fetchJson(href) {
    return fetch(href).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      var inflated = response.body.pipeThrough(new DecompressionStream("deflate-raw"));
      return new Response(inflated).json();
    });
  }

  // A token of an article's file: a number (a word of the shared dictionary), a string
  // (text without aids) or [text, reading] / [text, reading, gloss].
  function expand(data, words) {
    return data.blocks.map(function (block) {
      return block.map(function (t) {
        if (typeof t === "number") {
          return words[t];
        }
        return typeof t === "string" ? [t, "", ""] : [t[0], t[1], t[2] || ""];
      });
    });
  }

  function load() {
    if (!loading) {
      status.textContent = TEXT.loading;
      var href = article.getAttribute("data-aids");
      // An article's file is aids/<page>/<article>.bin; the dictionary is aids/words.bin.
      var dictionary = new URL("../words.bin", new URL(href, document.baseURI)).href;
      loading = Promise.all([fetchJson(href), fetchJson(dictionary)])
        .then(function (both) {
          apply({ blocks: expand(both[0], both[1].words) });
          status.textContent = "";
          root.setAttribute("data-aids-ready", "true");
        })
        .catch(function () {
          status.textContent = TEXT.failed;
          loading = null;
        });
    }
    return loading;
  }

  function set(name, on) {
    var button = bar.querySelector('[data-aid-toggle="' + name + '"]');
    button.setAttribute("aria-pressed", on ? "true" : "false");
    root.classList.toggle(CLASS[name], on);
    if (on) {
      load();
    }
  }

  bar.querySelectorAll("[data-aid-toggle]").forEach(function (button) {
    var name = button.getAttribute("data-aid-toggle");
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      remember(name, on);
      set(name, on);
    });
    if (remembered(name)) {
      set(name, true);
    }
  });

  // Tap (or click) a word to pin its gloss open; tap again or elsewhere to close it.
  article.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest(".w[data-gloss]") : null;
    article.querySelectorAll(".w.open").forEach(function (w) {
      if (w !== target) {
        w.classList.remove("open");
      }
    });
    if (target && root.classList.contains(CLASS.gloss)) {
      target.classList.toggle("open");
    }
  });
})();
