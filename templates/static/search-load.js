/* Unpacks and runs search-index/script.bin: see site_builder/search/page.py. */
(() => {
  "use strict";
  const me = document.currentScript.dataset;
  const add = (src) => {
    const s = document.createElement("script");
    s.src = src;
    document.body.append(s);
  };
  if (typeof DecompressionStream === "undefined") return add(me.plain);
  fetch(me.packed)
    .then((r) => new Response(r.body.pipeThrough(new DecompressionStream("deflate-raw"))).text())
    .then((code) => add(URL.createObjectURL(new Blob([code], { type: "text/javascript" }))))
    .catch(() => add(me.plain));
})();
