/* Archive search: reads the static index in search-index/ and shows results on search.html.
   The twin of site_builder/search/text.py and query.py (rules in SPEC.md there); the tests
   run this file under node and in Chromium and compare it with the Python engine. */
(() => {
  "use strict";
  const HAN = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x3134f]];
  const MAX_GRAMS = 4, MAX_PHRASE = 3, PAGE_SIZE = 10, W_HAN = 10, W_WORD = 8, W_PINYIN = 5, W_INITIALS = 4;
  const HAS_IMPACTS = 1, BITMAP = 2, EXTERNAL = 4, HAS_FORMS = 8;
  const utf8 = new TextDecoder(), encoder = new TextEncoder();

  /* ---- text rules (text.py) ---- */

  const isHan = (ch) => {
    const c = ch.codePointAt(0);
    return HAN.some(([lo, hi]) => c >= lo && c <= hi);
  };
  const folded = new Map();
  const foldChar = (ch) => {
    let f = folded.get(ch);
    if (f === undefined) {
      f = ch.normalize("NFKC").toLowerCase().normalize("NFD")
        .replace(/u\u0308/g, "v").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
      folded.set(ch, f);
    }
    return f;
  };
  /* Folded text, and for each of its UTF-16 units the offset of its original character. */
  const foldMap = (text) => {
    let out = "", at = 0;
    const map = [];
    for (const ch of text) {
      const f = foldChar(ch);
      out += f;
      for (let k = 0; k < f.length; k++) map.push(at);
      at += ch.length;
    }
    map.push(at);
    return { text: out, map };
  };
  const fold = (text) => foldMap(text).text;

  const tokens = (text) => {
    const found = [];
    let run = "", runHan = false;
    for (const ch of text) {
      const han = isHan(ch), latin = !han && /^[a-z0-9]$/.test(ch);
      if (run && (!(han || latin) || han !== runHan)) {
        found.push({ text: run, han: runHan });
        run = "";
      }
      if (han || latin) { run += ch; runHan = han; }
    }
    if (run) found.push({ text: run, han: runHan });
    return found;
  };

  /* Every spelling of the letters with the fewest syllables (at most MAX_READINGS), by a
     dynamic program; the longest first syllable first, then the longest next one. */
  const MAX_READINGS = 8;
  const splitAll = (letters, syllables, longest) => {
    const n = letters.length, need = new Array(n + 1).fill(null), found = [];
    need[n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      for (let j = Math.min(n, i + longest); j > i; j--) {
        if (need[j] !== null && syllables.has(letters.slice(i, j)) && (need[i] === null || need[j] + 1 < need[i])) {
          need[i] = need[j] + 1;
        }
      }
    }
    const walk = (i, path) => {
      if (i === n) { found.push(path); return; }
      for (let j = Math.min(n, i + longest); j > i; j--) {
        if (found.length >= MAX_READINGS) return;
        if (need[i] !== null && need[j] === need[i] - 1 && syllables.has(letters.slice(i, j))) {
          walk(j, path.concat([letters.slice(i, j)]));
        }
      }
    };
    if (need[0] !== null) walk(0, []);
    return found;
  };

  /* Readings of a token as pinyin, preferred first; tone digits mark boundaries. */
  const pinyinReadings = (token, syllables, longest) => {
    if (!/^[a-z][a-z1-5]*$/.test(token) || /[1-5]{2}/.test(token)) return [];
    let readings = [[]];
    for (const chunk of token.split(/[1-5]/)) {
      if (!chunk) continue;
      const parts = splitAll(chunk, syllables, longest);
      readings = readings.flatMap((r) => parts.map((p) => r.concat(p))).slice(0, MAX_READINGS);
      if (!readings.length) return [];
    }
    return readings;
  };

  const hanClause = (text) => {
    const chars = Array.from(text), count = chars.length - 2;
    let terms = [text];
    if (chars.length > 3) {
      let picks = [];
      if (count <= MAX_GRAMS) {
        for (let i = 0; i < count; i++) picks.push(i);
      } else {
        const set = new Set();
        for (let k = 0; k < MAX_GRAMS; k++) set.add(Math.floor((k * (count - 1)) / (MAX_GRAMS - 1)));
        picks = Array.from(set).sort((a, b) => a - b);
      }
      terms = picks.map((p) => chars[p] + chars[p + 1] + chars[p + 2]);
    }
    return { han: true, text, terms, check: chars.length > 3, key: "h" + text };
  };

  /* A light English stem, as in the index: plural, -ing/-ed when a vowel stays (caring =
     care, applied = apply), an adverb's -ly, a few derivations, British spelling (travelling
     = travel), a final e (revitalization = revitalize, irrigation = irrigate, routes = route). */
  const DERIVED = [["ization", "iz", 4], ["isation", "iz", 4], ["umption", "um", 3], ["ription", "rib", 3], ["ation", "", 4], ["tion", "t", 4],
    ["ment", "", 3], ["ism", "", 4], ["ist", "", 4], ["ise", "iz", 3], ["our", "or", 3], ["tre", "ter", 3], ["ate", "", 4]];
  /* British stems and the American ones CC-CEDICT writes (ploughing = plow), as text.py's _SPELLING. */
  const AMERICAN = new Map(("plough plow licenc licens defenc defens offenc offens pretenc pretens programm program " +
    "tyre tire grey gray mould mold chequ check catalogu catalog dialogu dialog jewellery jewelry aluminium aluminum " +
    "kerb curb storey story pyjama pajama sceptic skeptic practiz practic doughnut donut draught draft sulphur sulfur " +
    "yoghurt yogurt gaol jail manoeuvr maneuver paediatric pediatric anaemia anemia orthopaedic orthopedic " +
    "analys analyz paralys paralyz litr liter metr meter fibr fiber favourit favorit aeroplan airplan " +
    "moustach mustach tonn ton").split(" ").flatMap((w, i, all) => (i % 2 ? [] : [[w, all[i + 1]]])));
  /* Words the stem keeps as they are (news is not new), as text.py's WHOLE (data/whole_en.txt). */
  const WHOLE = new Set(("acoustics acrobatics aerobics aerodynamics aeronautics aesthetics annals aries astrophysics " +
    "athletics backpacking backwards ballistics basics beastly belongings besides bias binoculars " +
    "birthing bunting bushing ceramics chaos congratulations corps cowardly dealings downwards " +
    "dramatics droppings dues dynamics earnings economics electronics environs esthetics flavoring " +
    "forensics fortnightly friendly furnishings genetics genitals geophysics gymnastics heavenly " +
    "herring histrionics humanities hydraulics indoors inwards jeans kneecapping leisurely " +
    "linguistics microeconomics mores mountaineering multiplexing news nightly obstetrics odds omen " +
    "onwards orthodontics orthopedics outdoors outing outwards overalls parenting pediatrics " +
    "pragmatics princely purposely pyrotechnics rascally riches robotics savings semantics shapely " +
    "sometimes stately sundries surroundings tectonics thermodynamics tidings tights tubing unawares " +
    "upwards vitals winnings womanly woodworking worldly writings yours").split(" "));
  /* The stem's first step, as text.py's plural: herdsmen = herdsman, leaves = leaf. */
  const plural = (word) => {
    if (word.endsWith("men")) return word.slice(0, -3) + "man";
    if (word.endsWith("ies") && word.length > 4) return word.slice(0, -3) + "y";
    if (/(eaves|ieves)$/.test(word) && word.length > 5) return word.slice(0, -3) + "f";
    if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
    if (word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
    return word;
  };
  /* Its second, as text.py's inflection: -ing/-ed when a vowel stays, an adverb's -ly. */
  const inflection = (word) => {
    let cut = word.endsWith("ing") && word.length > 5 ? 3 : 0;
    if (word.endsWith("ed") && word.length > 4 && !word.endsWith("eed")) cut = 2;
    if (cut && /[aeiouy]/.test(word.slice(0, -cut))) {
      word = word.slice(0, -cut);
      const last = word[word.length - 1];
      if (last === word[word.length - 2] && !"flsz".includes(last)) return word.slice(0, -1);
      if (/([^eo]at|is)$/.test(word) || /^[^aeiou][aeiou][^aeiouwxy]$/.test(word)) return word + "e";
      if (cut === 2 && word.endsWith("i")) return word.slice(0, -1) + "y";
      return word;
    }
    if (word.endsWith("ly") && word.length >= 7 && "delnst".includes(word[word.length - 3])) return word.slice(0, -2);
    return word;
  };
  const stem = (word) => {
    if (word.length < 4 || !/^[a-z]+$/.test(word) || WHOLE.has(word)) return word;
    word = plural(word);
    if (WHOLE.has(word)) return word;
    word = inflection(word);
    for (const [suffix, replace, stays] of DERIVED) {
      if (word.endsWith(suffix) && word.length - suffix.length >= stays) {
        word = word.slice(0, -suffix.length) + replace;
        break;
      }
    }
    if (word.endsWith("e") && word.length > 4) word = word.slice(0, -1);
    if (word.endsWith("is") && word.length > 5) word = word.slice(0, -1) + "z";
    if (word.endsWith("ll") && word.length > 4) word = word.slice(0, -1);
    return AMERICAN.get(word) || word;
  };
  /* The root of an agent noun (exporter = export, diver = dive, repairman = repair), as text.py's agent_root. */
  const agentRoot = (word) => {
    if (!/^[a-z]+$/.test(word) || word.length < 5 || WHOLE.has(word)) return null;
    if (/(man|men)$/.test(word)) {
      const root = word.slice(0, word[word.length - 4] === "s" ? -4 : -3);
      return root.length >= 4 ? root : null;
    }
    const single = /(ers|ors)$/.test(word) ? word.slice(0, -1) : word;
    if (!/(er|or)$/.test(single) || WHOLE.has(single)) return null;
    const root = inflection(single.slice(0, -2) + "ed");
    return root !== single.slice(0, -2) + "ed" && root.length >= 3 ? root : null;
  };
  /* What a word the index does not know may be read as (kiwifruit = kiwi fruit, ecological = ecology), as text.py's unknown_readings. */
  const unknownReadings = (word) => {
    if (!/^[a-z]+$/.test(word)) return [];
    const found = [];
    for (let i = 4; i < word.length - 3; i++) found.push(word.slice(0, i) + " " + word.slice(i));
    if (/(olog|ograph|onom)ical$/.test(word)) found.push(word.slice(0, -4) + "y");
    const root = agentRoot(word);
    return root ? found.concat([root]) : found;
  };
  const STOP = new Set(("a an the and or of to in on at for with by from as is are be it its this that into onto over under"
    + " about around against between through during without within upon than so very also other their his her our your not no one who").split(" "));

  const readingTerms = (syllables) => {
    const pairs = [];
    for (let i = 0; syllables.length > 1 && i + 1 < syllables.length; i++) {
      pairs.push("p:" + syllables[i] + " " + syllables[i + 1]);
    }
    return pairs;
  };

  const latinClause = (word, syllables, initials, others) => {
    const pairs = readingTerms(syllables);
    others = others || [];
    const key = JSON.stringify([word, syllables, initials, others]);
    const wkey = word === null ? null : "w:" + word.split(" ").map(stem).join(" ");
    const wordy = word !== null && /^[a-z]+$/.test(word.replace(/ /g, ""));
    return { han: false, word, syllables, initials, others, pairs, key, wkey, wordy };
  };

  /* Each clause with other readings takes the first whose pairs the index has (query.py). */
  const chooseReadings = (clauses, known) => clauses.map((c) => {
    if (c.han || !c.others.length) return c;
    const readings = [c.syllables].concat(c.others);
    const chosen = readings.find((r) => readingTerms(r).every(known)) || readings[0];
    return latinClause(c.word, chosen, c.initials);
  });

  /* Consecutive words read as one English phrase ("party building"), if all are words and
     neither end is a stop word. */
  const phrase = (window) => (window.length > 1 && window.every((c) => !c.han && c.wordy)
    && !STOP.has(window[0].word) && !STOP.has(window[window.length - 1].word)
    ? latinClause(window.map((c) => c.word).join(" "), [], null) : null);

  /* Clauses without English stop words, unless nothing else is left. */
  const dropStopWords = (clauses) => {
    const kept = clauses.filter((c) => c.han || !STOP.has(c.word));
    return kept.length ? kept : clauses;
  };

  const phraseKeys = (clauses) => {
    const found = [];
    for (let size = 2; size <= MAX_PHRASE; size++) {
      for (let at = 0; at + size <= clauses.length; at++) {
        const joined = phrase(clauses.slice(at, at + size));
        if (joined) found.push(joined.wkey);
      }
    }
    return found;
  };

  /* Words the index knows as a phrase become one clause, longest and leftmost first. */
  const joinPhrases = (clauses, known) => {
    const out = [];
    for (let at = 0; at < clauses.length;) {
      let size = MAX_PHRASE;
      for (; size > 1; size--) {
        const joined = phrase(clauses.slice(at, at + size));
        if (joined && known(joined.wkey)) { out.push(joined); break; }
      }
      if (size > 1) at += size;
      else out.push(clauses[at++]);
    }
    return out;
  };

  /* A word before "and"/"or" in the phrase it shares with the next subject, when the index
     knows it ("primary and secondary schools": "primary schools"), longest first (text.py). */
  const CONJUNCTIONS = new Set(["and", "or"]);
  const leadWords = (clauses) => {
    const words = [];
    for (const c of clauses) {
      if (c.han || !c.wordy) break;
      for (const w of c.word.split(" ")) {
        if (STOP.has(w)) return words;
        words.push(w);
      }
    }
    return words;
  };
  const shared = (clauses, at) => {
    const b = at > 0 ? clauses[at - 1] : null;
    if (!b || b.han || !b.wordy || b.word.includes(" ") || STOP.has(b.word)) return [];
    const tail = leadWords(clauses.slice(at + 1)).slice(1), spans = [];
    for (let size = Math.min(tail.length, MAX_PHRASE - 1); size > 0; size--) spans.push(tail.slice(0, size));
    if (tail.length > 1) spans.push(tail.slice(-1));
    return spans.map((span) => latinClause([b.word].concat(span).join(" "), [], null));
  };
  const isConjunction = (c) => !c.han && CONJUNCTIONS.has(c.word);
  const sharedKeys = (clauses) => clauses.flatMap((c, at) => (isConjunction(c) ? shared(clauses, at).map((x) => x.wkey) : []));
  const shareHeads = (clauses, known) => clauses.map((c, at) => {
    const next = clauses[at + 1];
    return (next && isConjunction(next) && shared(clauses, at + 1).find((x) => known(x.wkey))) || c;
  });

  const dedupe = (clauses) => {
    const seen = new Set();
    return clauses.filter((c) => !seen.has(c.key) && seen.add(c.key));
  };

  /* Traditional -> simplified (t2s.py): the longest table entry at each position. */
  /* t2s.bin (Table.wire in t2s.py): characters as code point gaps and differences in
     base 36, then phrases with "." where a character stays. */
  const parseTable = (bytes) => {
    const [chars, phrases] = utf8.decode(bytes).split("\n"), pairs = new Map(), starts = new Set();
    let code = 0, longest = 1;
    for (const item of chars.split(" ")) {
      const [gap, diff] = item.split(",");
      code += gap ? parseInt(gap, 36) : 1;
      pairs.set(String.fromCharCode(code), String.fromCharCode(code + parseInt(diff, 36)));
      starts.add(String.fromCharCode(code));
    }
    for (const item of phrases.split(" ")) {
      const half = item.length / 2, key = item.slice(0, half);
      let value = "";
      for (let i = 0; i < half; i++) value += item[half + i] === "." ? key[i] : item[half + i];
      pairs.set(key, value);
      starts.add(key[0]);
      longest = Math.max(longest, half);
    }
    return { pairs, starts, longest };
  };
  const convert = (table, text) => {
    let out = "";
    for (let at = 0; at < text.length;) {
      let size = 0;
      if (table.starts.has(text[at])) {
        for (size = Math.min(table.longest, text.length - at); size > 0; size--) {
          const found = table.pairs.get(text.slice(at, at + size));
          if (found !== undefined) { out += found; break; }
        }
      }
      if (size > 0) at += size;
      else out += text[at++];
    }
    return out;
  };

  /* initials.bin (initials.py): a line per letter, the letter then the code points of the
     characters that may take it as base-36 gaps (empty for 1). */
  const parseInitials = (bytes) => {
    const letters = new Map();
    for (const line of utf8.decode(bytes).split("\n").filter(Boolean)) {
      let code = 0;
      for (const gap of line.slice(1).split(",")) {
        code += gap ? parseInt(gap, 36) : 1;
        const char = String.fromCodePoint(code);
        letters.set(char, (letters.get(char) || "") + line[0]);
      }
    }
    return letters;
  };

  /* Two pinyin tokens read as one phrase when either is one syllable, unless that one is an
     English stop word beside a longer word ("buying a house"). */
  const joins = ([a, sa], [b, sb]) => (sa.length === 1 && sb.length === 1)
    || (sb.length === 1 && !STOP.has(b)) || (sa.length === 1 && !STOP.has(a));

  const parseQuery = (query, syllables, longest) => {
    const clauses = [];
    let group = [];
    const flush = () => {
      if (group.length === 1) {
        const others = pinyinReadings(group[0][0], syllables, longest).slice(1);
        clauses.push(latinClause(group[0][0], group[0][1], null, others));
      }
      if (group.length > 1) clauses.push(latinClause(null, group.flatMap((g) => g[1]), null));
      group = [];
    };
    for (const token of tokens(fold(query).replace(/([a-z])['\u2019]s(?![a-z0-9])/g, "$1"))) {
      if (token.han) { flush(); clauses.push(hanClause(token.text)); continue; }
      const syls = pinyinReadings(token.text, syllables, longest)[0];
      if (!syls) {
        flush();
        const initials = /^[a-z]{2,8}$/.test(token.text) ? token.text : null;
        clauses.push(latinClause(token.text, [], initials));
      } else if (group.length && joins(group[group.length - 1], [token.text, syls])) {
        group.push([token.text, syls]);
      } else {
        flush();
        group.push([token.text, syls]);
      }
    }
    flush();
    return clauses;
  };

  const fnv1a = (text) => {
    let hash = 0x811c9dc5;
    for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return hash >>> 0;
  };

  /* ---- binary index (encode.py) ---- */

  const varint = (r) => {
    let value = 0, scale = 1, byte;
    do {
      byte = r.d[r.at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  };
  const readText = (r) => {
    const size = varint(r), s = utf8.decode(r.d.subarray(r.at, r.at + size));
    r.at += size;
    return s;
  };

  const decodeShard = (d) => {
    const r = { d, at: 0 }, map = new Map();
    while (r.at < d.length) {
      const term = readText(r), flags = d[r.at++], forms = [];
      if (flags & HAS_FORMS) for (let k = varint(r); k > 0; k--) forms.push(readText(r));
      const df = varint(r);
      let block = null;
      if (!(flags & EXTERNAL)) {
        const size = varint(r);
        block = d.subarray(r.at, r.at + size);
        r.at += size;
      }
      map.set(term, { flags, forms, df, block, ordinal: map.size });
    }
    return map;
  };

  const decodeBlock = (b, flags, df) => {
    const r = { d: b, at: 0 }, ids = [];
    if (flags & BITMAP) {
      const base = varint(r), size = varint(r);
      for (let j = 0; j < size; j++) {
        for (let k = 0; k < 8; k++) if ((b[r.at + j] >> k) & 1) ids.push(base + 8 * j + k);
      }
      r.at += size;
    } else {
      for (let i = 0, doc = 0; i < df; i++) ids.push((doc += varint(r)));
    }
    return { ids, impacts: flags & HAS_IMPACTS ? b.subarray(r.at, r.at + df) : null };
  };

  const inflate = async (buffer) => {
    const stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  };
  const json = (bytes) => JSON.parse(utf8.decode(bytes));

  /* ---- the engine (query.py) ---- */

  class Engine {
    constructor(base, load) {
      this.load = load || (async (path) => {
        const response = await fetch(base + path);
        if (!response.ok) throw new Error(path + ": HTTP " + response.status);
        return response.arrayBuffer();
      });
      this.files = new Map();
      this.shards = new Map();
      this.fetched = [];
    }

    file(path) {
      if (!this.files.has(path)) {
        this.fetched.push(path);
        this.files.set(path, this.load(path).then(inflate));
      }
      return this.files.get(path);
    }

    async start() {
      this.meta = json(await this.file("meta.bin"));
      this.syllables = new Set(this.meta.syllables.split(" ").filter(Boolean));
      this.longest = Math.max(0, ...Array.from(this.syllables, (s) => s.length));
      return this;
    }

    shard(n) {
      if (!this.shards.has(n)) this.shards.set(n, this.file("s/" + n + ".bin").then(decodeShard));
      return this.shards.get(n);
    }

    async terms(keys) {
      const found = new Map(), sorted = Array.from(new Set(keys)).sort();
      const entries = await Promise.all(sorted.map(async (key) => {
        const n = fnv1a(key) % this.meta.shards;
        return [n, (await this.shard(n)).get(key)];
      }));
      await Promise.all(sorted.map(async (key, i) => {
        const [n, e] = entries[i];
        if (!e) { found.set(key, { ids: [], impacts: null, forms: [] }); return; }
        const block = e.flags & EXTERNAL ? await this.file("t/" + n + "-" + e.ordinal + ".bin") : e.block;
        found.set(key, { ...decodeBlock(block, e.flags, e.df), forms: e.forms });
      }));
      return found;
    }

    async table() {
      if (!this.t2s) this.t2s = this.file("t2s.bin").then(parseTable);
      return this.t2s;
    }

    async initials() {
      if (!this.letters) this.letters = this.file("initials.bin").then(parseInitials);
      return this.letters;
    }

    /* Parse, fetch the terms; take the pinyin reading the index has; join phrases the index knows, drop stop words; a Han clause with a term the
       index lacks is read as traditional text. */
    async plan(query, f) {
      let clauses = parseQuery(query, this.syllables, this.longest);
      const readings = clauses.flatMap((c) => (c.han ? [] : [c.syllables].concat(c.others).flatMap(readingTerms)));
      const terms = await this.terms(keysOf(clauses, f).concat(phraseKeys(clauses), sharedKeys(clauses), readings));
      clauses = chooseReadings(clauses, (key) => terms.get(key).ids.length > 0);
      const known = (key) => terms.get(key).ids.length > 0;
      let joined = shareHeads(joinPhrases(clauses, known), known);
      /* A word the index does not know is read another way it knows (query.py's _unknown_readings). */
      const others = joined.map((c) => (!c.han && c.syllables.length < 2 && c.wordy && c.wkey && !known(c.wkey)
        ? unknownReadings(c.word).map((w) => latinClause(w, [], null, [])) : []));
      const fresh = await this.terms(others.flat().map((c) => c.wkey).filter((k) => !terms.has(k)));
      fresh.forEach((t, k) => terms.set(k, t));
      joined = joined.map((c, i) => others[i].find((o) => known(o.wkey)) || c);
      clauses = dropStopWords(joined);
      const expanded = [];
      for (let i = 0; i < clauses.length; i++) {
        const c = clauses[i];
        if (c.han && !c.terms.every((k) => terms.get(k).ids.length)) {
          const text = convert(await this.table(), c.text);
          if (text !== c.text) { clauses[i] = hanClause(text); expanded.push(text); }
        } else if (!c.han && c.wkey) {
          expanded.push(...terms.get(c.wkey).forms);
        }
      }
      clauses = dedupe(clauses);
      const more = await this.terms(keysOf(clauses, f).filter((k) => !terms.has(k)));
      more.forEach((t, k) => terms.set(k, t));
      return { clauses, terms, expanded: Array.from(new Set(expanded)), subjects: subjectsOf(joined) };
    }

    async record(id) {
      return json(await this.file("d/" + Math.floor(id / this.meta.docDir) + "/" + id + ".bin"));
    }

    async dateRange(f) {
      const high = this.meta.docs;
      if (!f.from && !f.to) return [0, high];
      const dates = json(await this.file("dates.bin"));
      const first = (test) => (dates.find(([d]) => test(d)) || [null, high])[1];
      const low = f.from ? first((d) => d >= f.from) : this.meta.undated;
      return [low, f.to ? first((d) => d > f.to) : high];
    }

    async candidates(query, f, byDate) {
      const fkeys = filterTerms(f), { clauses, terms, expanded, subjects } = await this.plan(query, f);
      const [low, high] = await this.dateRange(f), pending = new Map();
      if (!clauses.length && !fkeys.length && !f.from && !f.to) {
        return { ranked: [], terms, pending, clauses, expanded, closest: false };
      }
      let scores = loose(clauses, terms) ? mostWords(clauses, terms) : null;
      let must = scores ? [] : required(clauses, terms), words = must.filter((c) => wordsOf(c, terms) > 0);
      /* A name or Chinese text with three English words or more: the words loosely (query.py). */
      if (words.length < must.length && loose(words, terms)) must = must.filter((c) => !wordsOf(c, terms));
      else words = [];
      for (const c of must) {
        const m = match(c, terms);
        scores = scores ? intersect(scores, m.scores, add) : m.scores;
        for (const d of m.unchecked) {
          if (!pending.has(d)) pending.set(d, []);
          pending.get(d).push(c);
        }
      }
      if (words.length && scores) scores = mostAmong(scores, words, terms);
      const below = new Map();
      let closest = false;
      if (scores && clauses.every((c) => wordsOf(c, terms) > 0)) {
        scores = new Map(scores);
        subjectMatches(subjects, terms).forEach((s, d) => {
          if (!scores.has(d)) { scores.set(d, s); below.set(d, 1); }
        });
        if (!scores.size && clauses.length > 1) { scores = heldMost(clauses, terms, 1); closest = true; }
        else partialMatches(clauses, terms).forEach((s, d) => {
          if (!scores.has(d)) { scores.set(d, s); below.set(d, 2); }
        });
      }
      for (const key of fkeys) {
        const allowed = new Map(terms.get(key).ids.map((d) => [d, 0]));
        scores = scores ? intersect(scores, allowed, (a) => a) : allowed;
      }
      if (!scores) {
        scores = new Map();
        for (let d = low; d < high; d++) scores.set(d, 0);
      }
      const ranked = Array.from(scores.keys()).filter((d) => d >= low && d < high);
      ranked.sort((a, b) => (below.get(a) || 0) - (below.get(b) || 0) || scores.get(b) - scores.get(a) || b - a);
      if (closest) ranked.splice(CLOSEST);
      if (byDate) ranked.sort((a, b) => b - a);
      return { ranked, terms, pending, clauses, expanded, closest };
    }

    async passes(id, clauses, terms) {
      const rec = await this.record(id);
      return passes(checkText(rec, rec.z ? await this.table() : null), clauses, terms);
    }

    /* One page of results; candidates are checked only as far as the page needs. */
    async search(query, f, byDate, page) {
      const c = await this.candidates(query, f || {}, byDate), ranked = c.ranked;
      const want = ((page || 0) + 1) * PAGE_SIZE, passed = [];
      let at = 0;
      while (passed.length < want && at < ranked.length) {
        const batch = ranked.slice(at, at + want - passed.length);
        at += batch.length;
        const ok = await Promise.all(batch.map((d) => !c.pending.has(d) || this.passes(d, c.pending.get(d), c.terms)));
        batch.forEach((d, i) => { if (ok[i]) passed.push(d); });
      }
      const shown = passed.slice((page || 0) * PAGE_SIZE, want);
      const records = await Promise.all(shown.map((d) => this.record(d)));
      /* Records with traditional text are highlighted as read in simplified. */
      const table = records.some((r) => r.z) ? await this.table() : null;
      /* A result found by initials is marked where its characters may take those letters. */
      const byInitials = new Set(c.clauses.flatMap((k) => (k.initials ? c.terms.get("i:" + k.initials).ids : [])));
      const letters = shown.some((d) => byInitials.has(d)) ? await this.initials() : null;
      const rest = ranked.slice(at);
      return {
        records, total: passed.length + rest.length, exact: !rest.some((d) => c.pending.has(d)),
        clauses: c.clauses, terms: c.terms, expanded: c.expanded, closest: c.closest, table, letters,
      };
    }
  }

  /* Three English words or more: the articles holding the most of them, and at least
     half, a phrase counting as its words (so never dropped); a pinyin phrase of three
     syllables counts only when the index knows it as an English word, a name of two
     written with an apostrophe (Xi'an) is a word, and a clause counts only the ids it
     finds for sure (query.py). */
  const LOOSE_WORDS = 3;
  const wordsOf = (c, terms) => {
    if (c.han) return 0;
    if (c.word !== null && !(c.syllables.length > 2 && !(c.wkey && terms.get(c.wkey).ids.length))) {
      return c.word.split(" ").filter((w) => !STOP.has(w)).length;
    }
    /* A pinyin reading that finds nothing is a word no article holds (query.py). */
    return +((c.word === null && c.syllables.length === 2) || !match(c, terms).scores.size);
  };
  const loose = (clauses, terms) => clauses.every((c) => wordsOf(c, terms) > 0)
    && clauses.reduce((n, c) => n + wordsOf(c, terms), 0) >= LOOSE_WORDS;
  const mostWords = (clauses, terms) => heldMost(clauses, terms,
    Math.floor((clauses.reduce((n, c) => n + wordsOf(c, terms), 0) + 1) / 2));
  /* An English query of two words or more that no article matches: the CLOSEST articles
     at most of those holding the most of its words, best first (query.py). */
  const CLOSEST = 3;
  const heldMost = (clauses, terms, least) => {
    const scores = new Map(), held = new Map();
    clauses.forEach((c) => sureOf(c, terms).forEach((s, d) => {
      scores.set(d, (scores.get(d) || 0) + s);
      held.set(d, (held.get(d) || 0) + wordsOf(c, terms));
    }));
    const need = Math.max(held.size ? Math.max(...held.values()) : least, least);
    for (const [d, n] of held) if (n < need) scores.delete(d);
    return scores;
  };

  /* The clauses cut at "and"/"or" left standing once phrases are joined, without stop
     words; a subject of two words or more of an English query of two subjects or more
     finds on its own, below the query's own matches (query.py). */
  const SUBJECT_WORDS = 2;
  const subjectsOf = (clauses) => {
    const found = [[]];
    for (const c of clauses) {
      if (isConjunction(c)) found.push([]);
      else if (c.han || !STOP.has(c.word)) found[found.length - 1].push(c);
    }
    return found.filter((p) => p.length);
  };
  const subjectMatches = (parts, terms) => {
    const found = new Map();
    for (const part of parts.length > 1 ? parts : []) {
      if (part.reduce((n, c) => n + wordsOf(c, terms), 0) < SUBJECT_WORDS) continue;
      let held = null;
      for (const c of part) held = held ? intersect(held, sureOf(c, terms), add) : sureOf(c, terms);
      held.forEach((s, d) => found.set(d, Math.max(s, found.get(d) || 0)));
    }
    return found;
  };

  /* A query with Chinese text or a pinyin name keeps none of its Latin words that no
     article holds, when something else is left (query.py). */
  const required = (clauses, terms) => {
    if (clauses.every((c) => wordsOf(c, terms) > 0)) return clauses;
    const kept = clauses.filter((c) => c.han || c.word === null || match(c, terms).scores.size);
    return kept.length ? kept : clauses;
  };

  /* Of the ids a name found, those whose English words hold the most of them (query.py). */
  const mostAmong = (scores, words, terms) => {
    const held = new Map(), total = new Map(scores);
    scores.forEach((s, d) => held.set(d, 0));
    words.forEach((c) => sureOf(c, terms).forEach((s, d) => {
      if (!held.has(d)) return;
      held.set(d, held.get(d) + wordsOf(c, terms));
      total.set(d, total.get(d) + s);
    }));
    let need = 0;
    held.forEach((n) => { need = Math.max(need, n); });
    for (const [d, n] of held) if (n < need) total.delete(d);
    return total;
  };

  /* The ids a clause finds without a text check, with their scores. */
  const sureOf = (c, terms) => {
    const m = match(c, terms), sure = new Map();
    m.scores.forEach((s, d) => { if (!m.unchecked.has(d)) sure.set(d, s); });
    return sure;
  };
  /* An English query of two words or more also finds, below its subjects' matches, the
     ids holding its rarest clause and at least half its words, scoring PARTIAL_SHARE %
     of the best of them or more (query.py). */
  const PARTIAL_SHARE = 80;
  /* A joined phrase counts as its words, each finding its own ids and the phrase's, when
     every word has ids of its own (fetched before the phrase was joined; query.py). */
  const splitPhrases = (clauses, terms) => {
    const out = [], found = [];
    for (const c of clauses) {
      const whole = sureOf(c, terms);
      let parts = [];
      if (!c.han && c.wordy && c.word.includes(" ")) {
        parts = c.word.split(" ").filter((w) => !STOP.has(w)).map((w) => latinClause(w, [], null));
        if (!parts.every((p) => terms.has(p.wkey) && terms.get(p.wkey).ids.length)) parts = [];
      }
      if (!parts.length) { out.push(c); found.push(whole); continue; }
      for (const p of parts) {
        const ids = sureOf(p, terms);
        whole.forEach((s, d) => ids.set(d, Math.max(s, ids.get(d) || 0)));
        out.push(p);
        found.push(ids);
      }
    }
    return [out, found];
  };
  const partialMatches = (given, terms) => {
    const out = new Map();
    if (given.length < 2) return out;
    const [clauses, found] = splitPhrases(given, terms);
    if (found.some((m) => !m.size)) return out;
    const words = clauses.map((c) => wordsOf(c, terms)), total = words.reduce((a, b) => a + b, 0);
    let rarest = 0;
    found.forEach((m, i) => { if (m.size < found[rarest].size) rarest = i; });
    let best = 0;
    for (const d of found[rarest].keys()) {
      const held = found.reduce((n, m, i) => n + (m.has(d) ? words[i] : 0), 0);
      if (2 * held < total) continue;
      const s = found.reduce((n, m) => n + (m.get(d) || 0), 0);
      out.set(d, s);
      best = Math.max(best, s);
    }
    for (const [d, s] of out) if (100 * s < PARTIAL_SHARE * best) out.delete(d);
    return out;
  };

  const keysOf = (clauses, f) => filterTerms(f).concat(...clauses.map((c) => (c.han ? c.terms
    : c.pairs.concat(c.wkey ? [c.wkey] : [], c.initials ? ["i:" + c.initials] : []))));

  const filterTerms = (f) => [["t:", f.tag], ["l:", f.loc], ["c:", f.topic], ["k:", f.kind], ["n:", f.paper], ["g:", f.page]]
    .filter((p) => p[1]).map((p) => p[0] + p[1]);

  const scoresOf = (term) => new Map(term.ids.map((id, i) => [id, term.impacts ? term.impacts[i] : 0]));

  const intersect = (a, b, combine) => {
    const out = new Map();
    a.forEach((s, d) => { if (b.has(d)) out.set(d, combine(s, b.get(d))); });
    return out;
  };

  const add = (a, b) => a + b;
  const sumOf = (keys, terms) => keys.slice(1)
    .reduce((found, key) => intersect(found, scoresOf(terms.get(key)), add), scoresOf(terms.get(keys[0])));

  const scaled = (map, weight) => new Map(Array.from(map, ([d, s]) => [d, s * weight]));

  const match = (clause, terms) => {
    if (clause.han) {
      const scores = scaled(sumOf(clause.terms, terms), W_HAN);
      return { scores, unchecked: clause.check ? new Set(scores.keys()) : new Set() };
    }
    let scores = new Map();
    const sure = new Set();
    if (clause.pairs.length) {
      const found = sumOf(clause.pairs, terms);
      scores = scaled(found, W_PINYIN);
      if (clause.pairs.length === 1) found.forEach((s, d) => sure.add(d));
    }
    const exact = [];
    if (clause.wkey) exact.push([clause.wkey, W_WORD]);
    if (clause.initials) exact.push(["i:" + clause.initials, W_INITIALS]);
    for (const [key, weight] of exact) {
      scoresOf(terms.get(key)).forEach((impact, d) => {
        scores.set(d, Math.max(scores.get(d) || 0, impact * weight));
        sure.add(d);
      });
    }
    return { scores, unchecked: new Set(Array.from(scores.keys()).filter((d) => !sure.has(d))) };
  };

  /* A record marked z has traditional text: it is checked as read in simplified. */
  const checkText = (rec, table) => {
    const text = fold([rec.t, rec.ki, rec.su, ...rec.tg, ...rec.lo.map((p) => p[1]), rec.b].join("\n"));
    return table ? convert(table, text) : text;
  };

  /* Where a pinyin phrase is read: every adjacent pair among its pair term's Han forms. */
  const pinyinSpans = (chars, clause, terms) => {
    const pairs = clause.pairs.map((k) => new Set(terms.get(k).forms)), spans = [];
    for (let at = 0; at + pairs.length + 1 <= chars.length; at++) {
      if (pairs.every((forms, i) => forms.has(chars[at + i] + chars[at + i + 1]))) {
        spans.push(chars.slice(at, at + pairs.length + 1).join(""));
      }
    }
    return spans;
  };

  const passes = (text, clauses, terms) => {
    const chars = Array.from(text);
    return clauses.every((c) => (c.han ? text.includes(c.text) : pinyinSpans(chars, c, terms).length > 0));
  };

  /* ---- highlighting ---- */

  /* Runs of the text as long as the initials whose characters may start with them. */
  const initialSpans = (chars, initials, letters) => {
    const spans = [], n = initials.length;
    for (let at = 0; at + n <= chars.length; at++) {
      let i = 0;
      while (i < n && (letters.get(chars[at + i]) || "").includes(initials[i])) i++;
      if (i === n) spans.push(chars.slice(at, at + n).join(""));
    }
    return spans;
  };

  const needles = (rec, clauses, terms, table, letters) => {
    const found = [];
    const forms = (key) => (terms.has(key) ? terms.get(key).forms : []).forEach((f) => found.push({ s: fold(f) }));
    let chars = null;
    const text = () => (chars = chars || Array.from(checkText(rec, rec.z ? table : null)));
    for (const c of clauses) {
      if (c.han) { found.push({ s: c.text }); continue; }
      if (c.word) { found.push({ s: c.word, latin: true }); forms(c.wkey); }
      if (c.initials && letters) initialSpans(text(), c.initials, letters).forEach((s) => found.push({ s }));
      if (c.pairs.length) pinyinSpans(text(), c, terms).forEach((s) => found.push({ s }));
    }
    const list = found.filter((n) => n.s);
    list.table = rec.z ? table : null; /* its text is matched as read in simplified */
    return list;
  };

  /* Ranges [start, end) of the original text where a needle matches its folded form. */
  const ranges = (text, list) => {
    const fm = foldMap(text), out = [], word = /[a-z0-9]/;
    if (list.table) fm.text = convert(list.table, fm.text);
    for (const n of list) {
      for (let at = fm.text.indexOf(n.s); at >= 0; at = fm.text.indexOf(n.s, at + 1)) {
        const end = at + n.s.length;
        if (n.latin && (word.test(fm.text.charAt(at - 1)) || word.test(fm.text.charAt(end)))) continue;
        out.push([fm.map[at], fm.map[end]]);
      }
    }
    out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const r of out) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    return merged;
  };

  /* ---- the search page ---- */

  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /* Text with <mark> around the ranges; every piece goes in as text, never as HTML. */
  const marked = (parent, text, spans, from, to) => {
    let at = from;
    for (const r of spans) {
      const a = Math.max(r[0], from), b = Math.min(r[1], to);
      if (a >= b) continue;
      if (a > at) parent.append(text.slice(at, a));
      parent.append(el("mark", "", text.slice(a, b)));
      at = b;
    }
    if (at < to) parent.append(text.slice(at, to));
    return parent;
  };
  const withMarks = (tag, cls, text, list) => marked(el(tag, cls), text, ranges(text, list), 0, text.length);

  const snippet = (body, list, width) => {
    const spans = ranges(body, list), centre = spans.length ? spans[0][0] : 0;
    const to = Math.min(body.length, Math.max(0, centre - Math.floor(width / 4)) + width);
    const from = Math.max(0, to - width), p = el("p", "search-snippet");
    p.lang = "zh-Hans";
    if (from > 0) p.append("…");
    marked(p, body, spans, from, to);
    if (to < body.length) p.append("…");
    return p;
  };

  const fmt = (template, n) => template.replace(/%\(num\)[ds]/, String(n));
  const PARAMS = ["q", "tag", "loc", "topic", "kind", "paper", "page", "from", "to", "sort"];

  const pageUrl = (params, changes) => {
    const next = new URLSearchParams();
    for (const k of PARAMS.concat(["p"])) {
      const v = k in changes ? changes[k] : params[k];
      if (v) next.set(k, v);
    }
    return "?" + next.toString();
  };

  const resultItem = (rec, list, params, msg, english) => {
    const li = el("li", "summary search-result"), a = el("a", "summary-title");
    const meta = el("span", "summary-meta");
    li.setAttribute("data-result-url", rec.u);
    if (rec.ki) li.append(withMarks("span", "kicker", rec.ki, list));
    a.href = rec.u;
    const title = withMarks("span", "", rec.t, list);
    title.lang = "zh-Hans";
    a.append(title);
    if (english && rec.tp) a.append(" ", el("span", "pinyin", rec.tp));
    li.append(a);
    if (rec.su) li.append(withMarks("span", "subtitle", rec.su, list));
    const page = rec.pg === null ? "" : fmt(msg.page, rec.pg) + (rec.pn ? " · " + rec.pn : "");
    for (const text of [msg.kinds[rec.ty] || rec.ty, rec.pa, rec.d || msg.undated, page]) {
      if (text) meta.append(el("span", "", text));
    }
    const name = (p) => (english ? p[1] + " " + (p[2] || p[3]) : p[1]);
    for (const p of rec.lo) {
      const link = withMarks("a", "search-place", name(p), list);
      link.href = pageUrl(params, { loc: p[0], p: "" });
      meta.append(link);
    }
    if (rec.an.length) {
      const trail = rec.an.slice().reverse().map(name).join(english ? ", " : "、");
      meta.append(withMarks("span", "search-trail", "(" + trail + ")", list));
    }
    li.append(meta, snippet(rec.b, list, 90));
    return li;
  };

  /* The filter form's tag and place lists: fetched only when the form is opened. */
  const fillFacets = (engine, root, params) => {
    const box = root.querySelector("details");
    box.addEventListener("toggle", async () => {
      if (!box.open || box.dataset.loaded) return;
      box.dataset.loaded = "1";
      const facets = json(await engine.file("facets.bin", true)), english = root.dataset.lang === "en";
      const tags = root.querySelector("#search-tags"), loc = root.querySelector("select[name=loc]");
      for (const [tag] of facets.tags) tags.append(el("option", "", tag));
      for (const [code, name, en, count] of facets.places) {
        if (code === params.loc) continue;
        const option = el("option", "", (english && en ? en + " " : "") + name + " (" + count + ")");
        option.value = code;
        loc.append(option);
      }
    });
  };

  /* The active filters in words, with a link that drops them all. */
  const showFilters = (root, params, msg, placeName) => {
    const line = root.querySelector("#search-active");
    const parts = Object.keys(msg.filters).filter((k) => params[k]).map((k) => msg.filters[k] + ": "
      + (k === "loc" ? placeName : k === "kind" || k === "topic" ? msg[k + "s"][params[k]] || params[k] : params[k]));
    if (!parts.length) return;
    const clear = el("a", "", msg.clear);
    clear.href = pageUrl({ q: params.q, sort: params.sort }, {});
    line.append(el("span", "", parts.join(" · ") + " "), clear);
    line.hidden = false;
  };

  /* What the query was read as besides what was typed: "Searched for 志愿者, 志愿". */
  const showExpanded = (root, words, msg, english) => {
    if (!words.length) return;
    const line = root.querySelector("#search-expanded"), [before, after] = msg.expanded.split("%(words)s");
    const span = el("span", "", words.join(english ? ", " : "、"));
    span.lang = "zh-Hans";
    line.append(before, span, after || "");
    line.hidden = false;
  };

  const run = async (root) => {
    const status = root.querySelector("#search-status");
    const msg = JSON.parse(root.querySelector("#search-messages").textContent);
    const query = new URLSearchParams(location.search), params = {}, english = root.dataset.lang === "en";
    for (const k of PARAMS.concat(["p"])) params[k] = (query.get(k) || "").trim();
    let place = null;
    if (params.loc) {
      place = el("option", "", params.loc);
      place.value = params.loc;
      root.querySelector("select[name=loc]").append(place);
    }
    for (const k of PARAMS) {
      const input = root.querySelector("[name=" + k + "]");
      if (input && params[k]) input.value = params[k];
    }
    if (typeof DecompressionStream === "undefined") { status.textContent = msg.old; return; }
    const engine = new Engine(root.dataset.index);
    fillFacets(engine, root, params);
    const f = {
      tag: params.tag, loc: params.loc, topic: params.topic, kind: params.kind, paper: params.paper,
      page: params.page, from: params.from, to: params.to,
    };
    if (!params.q && !filterTerms(f).length && !f.from && !f.to) return;
    status.textContent = msg.searching;
    const page = Math.max(0, (parseInt(params.p, 10) || 1) - 1);
    let out;
    try {
      await engine.start();
      out = await engine.search(params.q, f, params.sort === "date", page);
    } catch (error) {
      status.textContent = msg.error;
      throw error;
    }
    const counted = out.exact ? (out.total === 1 ? msg.one : msg.other) : msg.upto;
    status.textContent = out.total === 0 ? msg.none : out.closest ? msg.closest : fmt(counted, out.total);
    showExpanded(root, out.expanded, msg, english);
    const names = place ? out.terms.get("l:" + params.loc).forms : [];
    if (names.length) place.textContent = english && names[1] ? names[1] : names[0];
    showFilters(root, params, msg, place ? place.textContent : "");
    const list = root.querySelector("#search-results"), pager = root.querySelector("#search-pager");
    for (const rec of out.records) {
      list.append(resultItem(rec, needles(rec, out.clauses, out.terms, out.table, out.letters), params, msg, english));
    }
    const link = (text, p) => {
      const a = el("a", "", text);
      a.href = pageUrl(params, { p: String(p) });
      pager.append(a);
    };
    if (page > 0) link("← " + msg.prev, page);
    if ((page + 1) * PAGE_SIZE < out.total) link(msg.next + " →", page + 2);
    root.dataset.done = "1";
  };

  if (typeof module !== "undefined" && module.exports) module.exports = { Engine, parseQuery, fnv1a, fold, stem };
  if (typeof document !== "undefined" && document.getElementById("search")) run(document.getElementById("search"));
})();
