/* Archive search: reads the static index in search-index/ and shows results on search.html.
   The query rules are the twin of site_builder/search/text.py and query.py (see SPEC.md there);
   tests run this file in node and in Chromium and compare it with the Python engine. */
(function () {
  "use strict";

  var HAN = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x3134f]];
  var MAX_GRAMS = 4, PAGE_SIZE = 10;
  var W_HAN = 10, W_WORD = 8, W_PINYIN = 5, W_INITIALS = 4;
  var HAS_IMPACTS = 1, BITMAP = 2, EXTERNAL = 4, HAS_FORMS = 8;
  var utf8 = new TextDecoder(), encoder = new TextEncoder();

  /* ---------- text rules (text.py) ---------- */

  function isHan(ch) {
    var c = ch.codePointAt(0);
    for (var i = 0; i < HAN.length; i++) if (c >= HAN[i][0] && c <= HAN[i][1]) return true;
    return false;
  }

  var folded = new Map();
  function foldChar(ch) {
    var f = folded.get(ch);
    if (f === undefined) {
      f = ch.normalize("NFKC").toLowerCase().normalize("NFD")
        .replace(/u\u0308/g, "v").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
      folded.set(ch, f);
    }
    return f;
  }

  /* Folded text, and for each of its UTF-16 units the offset of the original character. */
  function foldMap(text) {
    var out = "", map = [], at = 0;
    for (var ch of text) {
      var f = foldChar(ch);
      out += f;
      for (var k = 0; k < f.length; k++) map.push(at);
      at += ch.length;
    }
    map.push(at);
    return { text: out, map: map };
  }

  function fold(text) { return foldMap(text).text; }

  function tokens(text) {
    var found = [], run = "", runHan = false;
    for (var ch of text) {
      var han = isHan(ch), latin = !han && /^[a-z0-9]$/.test(ch);
      if (run && (!(han || latin) || han !== runHan)) {
        found.push({ text: run, han: runHan });
        run = "";
      }
      if (han || latin) { run += ch; runHan = han; }
    }
    if (run) found.push({ text: run, han: runHan });
    return found;
  }

  function splitSyllables(letters, syllables, longest) {
    var n = letters.length, best = new Array(n + 1).fill(null);
    best[n] = [0, n];
    for (var i = n - 1; i >= 0; i--) {
      for (var j = Math.min(n, i + longest); j > i; j--) {
        var after = best[j];
        if (!after || !syllables.has(letters.slice(i, j))) continue;
        if (!best[i] || after[0] + 1 < best[i][0]) best[i] = [after[0] + 1, j];
      }
    }
    if (!best[0]) return null;
    var out = [];
    for (var k = 0; k < n; k = best[k][1]) out.push(letters.slice(k, best[k][1]));
    return out;
  }

  function parsePinyin(token, syllables, longest) {
    if (!/^[a-z][a-z1-5]*$/.test(token) || /[1-5]{2}/.test(token)) return null;
    var out = [], chunks = token.split(/[1-5]/);
    for (var i = 0; i < chunks.length; i++) {
      if (!chunks[i]) continue;
      var part = splitSyllables(chunks[i], syllables, longest);
      if (!part) return null;
      out = out.concat(part);
    }
    return out;
  }

  function hanClause(text) {
    var chars = Array.from(text), count = chars.length - 2, picks = [], terms = [text];
    if (chars.length > 3) {
      if (count <= MAX_GRAMS) {
        for (var i = 0; i < count; i++) picks.push(i);
      } else {
        var set = new Set();
        for (var k = 0; k < MAX_GRAMS; k++) set.add(Math.floor((k * (count - 1)) / (MAX_GRAMS - 1)));
        picks = Array.from(set).sort(function (a, b) { return a - b; });
      }
      terms = picks.map(function (p) { return chars[p] + chars[p + 1] + chars[p + 2]; });
    }
    return { han: true, text: text, terms: terms, check: chars.length > 3, key: "h" + text };
  }

  function latinClause(word, syllables, initials) {
    var pairs = [];
    for (var i = 0; syllables.length > 1 && i + 1 < syllables.length; i++) {
      pairs.push("p:" + syllables[i] + " " + syllables[i + 1]);
    }
    return {
      han: false, word: word, syllables: syllables, initials: initials, pairs: pairs,
      key: JSON.stringify([word, syllables, initials])
    };
  }

  function parseQuery(query, syllables, longest) {
    var clauses = [], group = [];
    function flush() {
      if (group.length === 1) clauses.push(latinClause(group[0][0], group[0][1], null));
      if (group.length > 1) {
        var joined = [].concat.apply([], group.map(function (g) { return g[1]; }));
        clauses.push(latinClause(null, joined, null));
      }
      group = [];
    }
    tokens(fold(query)).forEach(function (token) {
      if (token.han) { flush(); clauses.push(hanClause(token.text)); return; }
      var syls = parsePinyin(token.text, syllables, longest);
      if (!syls) {
        flush();
        var lettersOnly = /^[a-z]{2,8}$/.test(token.text);
        clauses.push(latinClause(token.text, [], lettersOnly ? token.text : null));
        return;
      }
      if (group.length && (syls.length === 1 || group[group.length - 1][1].length === 1)) {
        group.push([token.text, syls]);
      } else {
        flush();
        group.push([token.text, syls]);
      }
    });
    flush();
    var seen = new Set();
    return clauses.filter(function (c) { return !seen.has(c.key) && seen.add(c.key); });
  }

  function fnv1a(text) {
    var hash = 0x811c9dc5, bytes = encoder.encode(text);
    for (var i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    return hash >>> 0;
  }

  /* ---------- binary index (encode.py) ---------- */

  function varint(r) {
    var value = 0, scale = 1, byte;
    do {
      byte = r.d[r.at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  }

  function readText(r) {
    var size = varint(r), s = utf8.decode(r.d.subarray(r.at, r.at + size));
    r.at += size;
    return s;
  }

  function decodeShard(d) {
    var r = { d: d, at: 0 }, map = new Map(), n = 0;
    while (r.at < d.length) {
      var term = readText(r), flags = d[r.at++], forms = [], block = null;
      if (flags & HAS_FORMS) for (var k = varint(r); k > 0; k--) forms.push(readText(r));
      var df = varint(r);
      if (!(flags & EXTERNAL)) {
        var size = varint(r);
        block = d.subarray(r.at, r.at + size);
        r.at += size;
      }
      map.set(term, { flags: flags, forms: forms, df: df, block: block, ordinal: n++ });
    }
    return map;
  }

  function decodeBlock(b, flags, df) {
    var r = { d: b, at: 0 }, ids = [];
    if (flags & BITMAP) {
      var base = varint(r), size = varint(r);
      for (var j = 0; j < size; j++) {
        for (var k = 0; k < 8; k++) if ((b[r.at + j] >> k) & 1) ids.push(base + 8 * j + k);
      }
      r.at += size;
    } else {
      for (var i = 0, doc = 0; i < df; i++) { doc += varint(r); ids.push(doc); }
    }
    return { ids: ids, impacts: flags & HAS_IMPACTS ? b.subarray(r.at, r.at + df) : null };
  }

  function inflate(buffer) {
    var stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  /* ---------- the engine (query.py) ---------- */

  function Engine(base, load) {
    this.load = load || function (path) {
      return fetch(base + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": HTTP " + response.status);
        return response.arrayBuffer();
      });
    };
    this.files = new Map();
    this.shards = new Map();
    this.fetched = [];
  }

  Engine.prototype.file = function (path, packed) {
    if (!this.files.has(path)) {
      this.fetched.push(path);
      this.files.set(path, this.load(path).then(function (b) {
        return packed ? inflate(b) : new Uint8Array(b);
      }));
    }
    return this.files.get(path);
  };

  Engine.prototype.start = async function () {
    this.meta = JSON.parse(utf8.decode(await this.file("meta.json", false)));
    this.syllables = new Set(this.meta.syllables.split(" ").filter(Boolean));
    this.longest = Math.max.apply(null, [0].concat(Array.from(this.syllables, function (s) { return s.length; })));
    return this;
  };

  Engine.prototype.shard = function (n) {
    if (!this.shards.has(n)) this.shards.set(n, this.file("s/" + n + ".bin", true).then(decodeShard));
    return this.shards.get(n);
  };

  Engine.prototype.terms = async function (keys) {
    var self = this, found = new Map();
    keys = Array.from(new Set(keys)).sort();
    var entries = await Promise.all(keys.map(async function (key) {
      var n = fnv1a(key) % self.meta.shards;
      return [n, (await self.shard(n)).get(key)];
    }));
    await Promise.all(keys.map(async function (key, i) {
      var n = entries[i][0], e = entries[i][1];
      if (!e) { found.set(key, { ids: [], impacts: null, forms: [] }); return; }
      var block = e.flags & EXTERNAL ? await self.file("t/" + n + "-" + e.ordinal + ".bin", true) : e.block;
      var p = decodeBlock(block, e.flags, e.df);
      found.set(key, { ids: p.ids, impacts: p.impacts, forms: e.forms });
    }));
    return found;
  };

  Engine.prototype.record = async function (id) {
    var path = "d/" + Math.floor(id / this.meta.docDir) + "/" + id + ".bin";
    return JSON.parse(utf8.decode(await this.file(path, true)));
  };

  Engine.prototype.dateRange = async function (f) {
    var low = 0, high = this.meta.docs;
    if (!f.from && !f.to) return [low, high];
    var dates = JSON.parse(utf8.decode(await this.file("dates.bin", true)));
    low = this.meta.undated;
    var first = function (test) {
      for (var i = 0; i < dates.length; i++) if (test(dates[i][0])) return dates[i][1];
      return high;
    };
    if (f.from) low = first(function (d) { return d >= f.from; });
    if (f.to) high = first(function (d) { return d > f.to; });
    return [low, high];
  };

  function filterTerms(f) {
    var keys = [];
    [["t:", f.tag], ["l:", f.loc], ["k:", f.kind], ["n:", f.paper]].forEach(function (p) {
      if (p[1]) keys.push(p[0] + p[1]);
    });
    if (f.page) keys.push("g:" + f.page);
    return keys;
  }

  function scoresOf(term) {
    var map = new Map();
    term.ids.forEach(function (id, i) { map.set(id, term.impacts ? term.impacts[i] : 0); });
    return map;
  }

  function intersectSum(keys, terms) {
    var found = scoresOf(terms.get(keys[0]));
    keys.slice(1).forEach(function (key) {
      var other = scoresOf(terms.get(key)), next = new Map();
      found.forEach(function (s, d) { if (other.has(d)) next.set(d, s + other.get(d)); });
      found = next;
    });
    return found;
  }

  function scaled(map, weight) {
    var out = new Map();
    map.forEach(function (s, d) { out.set(d, s * weight); });
    return out;
  }

  function match(clause, terms) {
    if (clause.han) {
      var han = scaled(intersectSum(clause.terms, terms), W_HAN);
      return { scores: han, unchecked: clause.check ? new Set(han.keys()) : new Set() };
    }
    var scores = new Map(), sure = new Set();
    if (clause.pairs.length) {
      var found = intersectSum(clause.pairs, terms);
      scores = scaled(found, W_PINYIN);
      if (clause.pairs.length === 1) found.forEach(function (s, d) { sure.add(d); });
    }
    var exact = [];
    if (clause.word) exact.push(["w:" + clause.word, W_WORD]);
    if (clause.initials) exact.push(["i:" + clause.initials, W_INITIALS]);
    exact.forEach(function (pair) {
      scoresOf(terms.get(pair[0])).forEach(function (impact, d) {
        scores.set(d, Math.max(scores.get(d) || 0, impact * pair[1]));
        sure.add(d);
      });
    });
    var unchecked = new Set();
    scores.forEach(function (s, d) { if (!sure.has(d)) unchecked.add(d); });
    return { scores: scores, unchecked: unchecked };
  }

  Engine.prototype.candidates = async function (query, f, byDate) {
    var clauses = parseQuery(query, this.syllables, this.longest), fkeys = filterTerms(f);
    var keys = fkeys.slice();
    clauses.forEach(function (c) {
      if (c.han) { keys = keys.concat(c.terms); return; }
      keys = keys.concat(c.pairs);
      if (c.word) keys.push("w:" + c.word);
      if (c.initials) keys.push("i:" + c.initials);
    });
    var terms = await this.terms(keys), range = await this.dateRange(f);
    var none = { ranked: [], terms: terms, pending: new Map(), clauses: clauses };
    if (!clauses.length && !fkeys.length && !f.from && !f.to) return none;
    var scores = null, pending = new Map();
    clauses.forEach(function (c) {
      var m = match(c, terms);
      if (!scores) {
        scores = new Map(m.scores);
      } else {
        var next = new Map();
        scores.forEach(function (s, d) { if (m.scores.has(d)) next.set(d, s + m.scores.get(d)); });
        scores = next;
      }
      m.unchecked.forEach(function (d) {
        if (!pending.has(d)) pending.set(d, []);
        pending.get(d).push(c);
      });
    });
    fkeys.forEach(function (key) {
      var allowed = new Set(terms.get(key).ids), next = new Map();
      if (!scores) allowed.forEach(function (d) { next.set(d, 0); });
      else scores.forEach(function (s, d) { if (allowed.has(d)) next.set(d, s); });
      scores = next;
    });
    if (!scores) {
      scores = new Map();
      for (var d = range[0]; d < range[1]; d++) scores.set(d, 0);
    }
    var ranked = [];
    scores.forEach(function (s, d) { if (d >= range[0] && d < range[1]) ranked.push(d); });
    ranked.sort(byDate ? function (a, b) { return b - a; }
      : function (a, b) { return scores.get(b) - scores.get(a) || b - a; });
    return { ranked: ranked, terms: terms, pending: pending, clauses: clauses };
  };

  function checkText(rec) {
    var parts = [rec.t, rec.ki, rec.su].concat(rec.tg, rec.lo.map(function (p) { return p[1]; }), [rec.b]);
    return fold(parts.join("\n"));
  }

  function pinyinSpans(chars, clause, terms) {
    var pairs = clause.pairs.map(function (k) { return new Set(terms.get(k).forms); });
    var size = pairs.length + 1, spans = [];
    for (var at = 0; at + size <= chars.length; at++) {
      var ok = pairs.every(function (forms, i) { return forms.has(chars[at + i] + chars[at + i + 1]); });
      if (ok) spans.push(chars.slice(at, at + size).join(""));
    }
    return spans;
  }

  function passes(rec, clauses, terms) {
    var text = checkText(rec), chars = Array.from(text);
    return clauses.every(function (c) {
      return c.han ? text.indexOf(c.text) >= 0 : pinyinSpans(chars, c, terms).length > 0;
    });
  }

  /* One page of results; candidates are checked only as far as the page needs. */
  Engine.prototype.search = async function (query, f, byDate, page) {
    var self = this, c = await this.candidates(query, f || {}, byDate), ranked = c.ranked;
    var want = ((page || 0) + 1) * PAGE_SIZE, passed = [], at = 0;
    while (passed.length < want && at < ranked.length) {
      var batch = ranked.slice(at, at + want - passed.length);
      at += batch.length;
      var recs = await Promise.all(batch.map(function (d) {
        return c.pending.has(d) ? self.record(d) : null;
      }));
      batch.forEach(function (d, i) {
        if (!c.pending.has(d) || passes(recs[i], c.pending.get(d), c.terms)) passed.push(d);
      });
    }
    var shown = await Promise.all(passed.slice((page || 0) * PAGE_SIZE, want).map(function (d) {
      return self.record(d);
    }));
    var rest = ranked.slice(at);
    return {
      records: shown,
      total: passed.length + rest.length,
      exact: !rest.some(function (d) { return c.pending.has(d); }),
      clauses: c.clauses,
      terms: c.terms
    };
  };

  /* ---------- highlighting ---------- */

  function needles(rec, clauses, terms) {
    var found = [], chars = null;
    function forms(key) {
      (terms.has(key) ? terms.get(key).forms : []).forEach(function (f) { found.push({ s: fold(f) }); });
    }
    clauses.forEach(function (c) {
      if (c.han) { found.push({ s: c.text }); return; }
      if (c.word) { found.push({ s: c.word, latin: true }); forms("w:" + c.word); }
      if (c.initials) forms("i:" + c.initials);
      if (c.pairs.length) {
        chars = chars || Array.from(checkText(rec));
        pinyinSpans(chars, c, terms).forEach(function (s) { found.push({ s: s }); });
      }
    });
    return found.filter(function (n) { return n.s; });
  }

  /* Ranges [start, end) of the original text where any needle matches its folded form. */
  function ranges(text, list) {
    var fm = foldMap(text), out = [];
    list.forEach(function (n) {
      for (var at = fm.text.indexOf(n.s); at >= 0; at = fm.text.indexOf(n.s, at + 1)) {
        var end = at + n.s.length;
        if (n.latin && (/[a-z0-9]/.test(fm.text.charAt(at - 1)) || /[a-z0-9]/.test(fm.text.charAt(end)))) continue;
        out.push([fm.map[at], fm.map[end]]);
      }
    });
    out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    out.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  /* ---------- the search page ---------- */

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Text with <mark> around the ranges; every piece goes in as text, never as HTML. */
  function marked(parent, text, spans, from, to) {
    var at = from;
    spans.forEach(function (r) {
      var a = Math.max(r[0], from), b = Math.min(r[1], to);
      if (a >= b) return;
      if (a > at) parent.appendChild(document.createTextNode(text.slice(at, a)));
      parent.appendChild(el("mark", "", text.slice(a, b)));
      at = b;
    });
    if (at < to) parent.appendChild(document.createTextNode(text.slice(at, to)));
    return parent;
  }

  function withMarks(tag, cls, text, list) {
    return marked(el(tag, cls), text, ranges(text, list), 0, text.length);
  }

  function snippet(body, list, width) {
    var spans = ranges(body, list), centre = spans.length ? spans[0][0] : 0;
    var from = Math.max(0, centre - Math.floor(width / 4)), to = Math.min(body.length, from + width);
    from = Math.max(0, Math.min(from, to - width));
    var p = el("p", "search-snippet");
    p.lang = "zh-Hans";
    if (from > 0) p.appendChild(document.createTextNode("…"));
    marked(p, body, spans, from, to);
    if (to < body.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  function fmt(template, n) { return template.replace(/%\(num\)[ds]/, String(n)); }

  var PARAMS = ["q", "tag", "loc", "kind", "paper", "page", "from", "to", "sort"];

  function pageUrl(params, changes) {
    var next = new URLSearchParams();
    PARAMS.concat(["p"]).forEach(function (k) {
      var v = k in changes ? changes[k] : params[k];
      if (v) next.set(k, v);
    });
    return "?" + next.toString();
  }

  function resultItem(rec, list, params, msg, english) {
    var li = el("li", "summary search-result");
    li.setAttribute("data-result-url", rec.u);
    if (rec.ki) li.appendChild(withMarks("span", "kicker", rec.ki, list));
    var a = el("a", "summary-title");
    a.href = rec.u;
    var title = withMarks("span", "", rec.t, list);
    title.lang = "zh-Hans";
    a.appendChild(title);
    if (english && rec.tp) {
      a.appendChild(document.createTextNode(" "));
      a.appendChild(el("span", "pinyin", rec.tp));
    }
    li.appendChild(a);
    if (rec.su) li.appendChild(withMarks("span", "subtitle", rec.su, list));
    var meta = el("span", "summary-meta");
    [msg.kinds[rec.ty] || rec.ty, rec.pa, rec.d || msg.undated,
      rec.pg === null ? "" : fmt(msg.page, rec.pg) + (rec.pn ? " · " + rec.pn : "")]
      .forEach(function (text) { if (text) meta.appendChild(el("span", "", text)); });
    var name = function (p) { return english ? p[1] + " " + (p[2] || p[3]) : p[1]; };
    rec.lo.forEach(function (p) {
      var link = withMarks("a", "search-place", name(p), list);
      link.href = pageUrl(params, { loc: p[0], p: "" });
      meta.appendChild(link);
    });
    if (rec.an.length) {
      var trail = rec.an.slice().reverse().map(name).join(english ? ", " : "、");
      meta.appendChild(withMarks("span", "search-trail", "(" + trail + ")", list));
    }
    li.appendChild(meta);
    li.appendChild(snippet(rec.b, list, 90));
    return li;
  }

  function fillFacets(engine, root, params) {
    var box = root.querySelector("details");
    box.addEventListener("toggle", async function () {
      if (!box.open || box.dataset.loaded) return;
      box.dataset.loaded = "1";
      var facets = JSON.parse(utf8.decode(await engine.file("facets.bin", true)));
      var english = root.dataset.lang === "en";
      var tags = root.querySelector("#search-tags"), loc = root.querySelector("select[name=loc]");
      facets.tags.forEach(function (t) { tags.appendChild(el("option", "", t[0])).value = t[0]; });
      facets.places.forEach(function (p) {
        if (p[0] === params.loc) return;
        var option = el("option", "", (english && p[2] ? p[2] + " " : "") + p[1] + " (" + p[3] + ")");
        option.value = p[0];
        loc.appendChild(option);
      });
    });
  }

  /* The active filters in words, with a link that drops them all. */
  function showFilters(root, params, msg, placeName) {
    var line = root.querySelector("#search-active"), parts = [];
    Object.keys(msg.filters).forEach(function (k) {
      if (!params[k]) return;
      var value = k === "loc" ? placeName : k === "kind" ? msg.kinds[params[k]] || params[k] : params[k];
      parts.push(msg.filters[k] + ": " + value);
    });
    if (!parts.length) return;
    line.appendChild(el("span", "", parts.join(" · ") + " "));
    line.appendChild(el("a", "", msg.clear)).href = pageUrl({ q: params.q, sort: params.sort }, {});
    line.hidden = false;
  }

  async function run(root) {
    var status = root.querySelector("#search-status"), list = root.querySelector("#search-results");
    var msg = JSON.parse(root.querySelector("#search-messages").textContent);
    var query = new URLSearchParams(location.search), params = {};
    PARAMS.concat(["p"]).forEach(function (k) { params[k] = (query.get(k) || "").trim(); });
    var english = root.dataset.lang === "en", place = null;
    if (params.loc) {
      place = el("option", "", params.loc);
      place.value = params.loc;
      root.querySelector("select[name=loc]").appendChild(place);
    }
    PARAMS.forEach(function (k) {
      var input = root.querySelector("[name=" + k + "]");
      if (input && params[k]) input.value = params[k];
    });
    if (typeof DecompressionStream === "undefined") { status.textContent = msg.old; return; }
    var engine = new Engine(root.dataset.index);
    fillFacets(engine, root, params);
    var filters = { tag: params.tag, loc: params.loc, kind: params.kind, paper: params.paper,
      page: params.page, from: params.from, to: params.to };
    if (!params.q && !filterTerms(filters).length && !params.from && !params.to) return;
    status.textContent = msg.searching;
    var page = Math.max(0, (parseInt(params.p, 10) || 1) - 1), out;
    try {
      await engine.start();
      out = await engine.search(params.q, filters, params.sort === "date", page);
    } catch (error) {
      status.textContent = msg.error;
      throw error;
    }
    status.textContent = out.total === 0 ? msg.none
      : fmt(out.exact ? (out.total === 1 ? msg.one : msg.other) : msg.upto, out.total);
    if (place && out.terms.get("l:" + params.loc).forms.length) {
      var names = out.terms.get("l:" + params.loc).forms;
      place.textContent = english && names[1] ? names[1] : names[0];
    }
    showFilters(root, params, msg, place ? place.textContent : "");
    out.records.forEach(function (rec) {
      list.appendChild(resultItem(rec, needles(rec, out.clauses, out.terms), params, msg, english));
    });
    var pager = root.querySelector("#search-pager");
    if (page > 0) {
      pager.appendChild(el("a", "", "← " + msg.prev)).href = pageUrl(params, { p: String(page) });
    }
    if ((page + 1) * PAGE_SIZE < out.total) {
      pager.appendChild(el("a", "", msg.next + " →")).href = pageUrl(params, { p: String(page + 2) });
    }
    root.dataset.done = "1";
  }

  var api = { Engine: Engine, parseQuery: parseQuery, fnv1a: fnv1a, fold: fold, PAGE_SIZE: PAGE_SIZE };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document !== "undefined") {
    var root = document.getElementById("search");
    if (root) run(root);
  }
})();
