// The review page: shows a page's segmentation and sends a person's fixes to the server.
// All text from the page goes in with textContent: nothing from a dump is read as markup.
"use strict";

const ROLES = ["title", "kicker", "subtitle", "subhead", "paragraph", "byline", "credit",
  "caption", "column", "affiliation", "jump", "noise"];
const TEXT = {
  zh: {
    review: "审校", role: "角色", split: "拆分", merge: "合并", join: "接续", unjoin: "断开",
    continue: "续栏", authors: "作者", names: "作者姓名，以空格或顿号分隔", undo: "撤销", lang: "English", articles: "文章", decisions: "待确认的判断（最不确定的在前）",
    fixes: "修正文件", none: "无", drop: "删除", line: "行", lines: "行",
    pickTarget: "接续：移到续接的行，再按 j（Esc 取消）",
    pickColumn: "续栏：移到本栏接着读的行，再按 c（Esc 取消）",
    typeNames: "输入作者姓名，按 Enter 确定（Esc 取消）", segmented: "重新切分用时",
    help: "↑↓ 选行 · r 设角色 · R 换角色 · s 拆分 · m 合并 · j 接续 · u 断开 · c 续栏 · a 作者 · z 撤销",
    roles: { title: "标题", kicker: "引题", subtitle: "副题", subhead: "小标题", paragraph: "段落",
      byline: "署名", credit: "署名", caption: "图片说明", column: "栏目", affiliation: "作者单位",
      jump: "转版", noise: "杂项" },
  },
  en: {
    review: "Review", role: "Role", split: "Split", merge: "Merge", join: "Join", unjoin: "Unjoin",
    continue: "Continue", authors: "Authors", names: "authors' names, separated by spaces or 、",
    undo: "Undo", lang: "中文", articles: "Articles", decisions: "Decisions to check (least certain first)",
    fixes: "Fixes file", none: "none", drop: "remove", line: "line", lines: "lines",
    pickTarget: "Join: move to the line where it continues, press j again (Esc cancels)",
    pickColumn: "Continue: move to the line the column goes on at, press c again (Esc cancels)",
    typeNames: "Type the authors' names, Enter to set them (Esc cancels)",
    segmented: "re-segmented in",
    help: "↑↓ lines · r set role · R next role · s split · m merge · j join · u unjoin · c continue · a authors · z undo",
    roles: { title: "title", kicker: "kicker", subtitle: "subtitle", subhead: "subhead",
      paragraph: "paragraph", byline: "byline", credit: "credit", caption: "caption",
      column: "column", affiliation: "affiliation", jump: "jump", noise: "noise" },
  },
};

const page = document.body.dataset.page;
const base = document.body.dataset.base || "/"; // where the review is mounted
let lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh";
let data = null;
let current = null; // the selected line number
let pending = null; // the first line of a join or continuation being made: { action, line }
let naming = false; // the authors' names field is being typed in
let names = ""; // what it holds
let message = "";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

async function call(action, values) {
  const url = `${base}api/${encodeURIComponent(page)}` + (action ? `/${action}` : "");
  const init = action
    ? { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(values || {}) }
    : {};
  const response = await fetch(url, init);
  const body = await response.json();
  if (!response.ok) {
    message = body.message;
  } else {
    data = body;
    message = "";
  }
  render();
}

function t(key) { return TEXT[lang][key]; }

function act(action) {
  if (action === "undo") return call("undo");
  if (current === null) return;
  if (action === "role") return call("role", { line: current, role: document.getElementById("role").value });
  if (action === "split") return call("split", { before: current });
  if (action === "merge") return call("merge", { at: current });
  if (action === "unjoin") return call("unjoin", { after: current });
  if (action === "join" || action === "continue") {
    if (pending === null || pending.action !== action) { pending = { action, line: current }; render(); return; }
    const after = pending.line;
    pending = null;
    return call(action, { after, to: current });
  }
  if (action === "authors") {
    if (!naming) { naming = true; names = names || articleOf(current).join("、"); render(); return; }
    const typed = names.split(/[\s、，,;；]+/).filter(Boolean);
    naming = false;
    names = "";
    return call("authors", { line: current, names: typed });
  }
}

function articleOf(line) {
  const held = data.lines.find((l) => l.n === line);
  const article = held && held.article !== null ? data.articles[held.article] : null;
  return article ? article.authors : [];
}

function select(line) {
  current = line;
  render();
  const node = document.getElementById(`line-${line}`);
  if (node) node.scrollIntoView({ block: "nearest" });
}

function move(step) {
  const lines = data.lines.filter((l) => l.text.trim());
  let at = lines.findIndex((l) => l.n === current);
  at = at < 0 ? 0 : Math.min(lines.length - 1, Math.max(0, at + step));
  if (lines.length) select(lines[at].n);
}

function toolbar() {
  const role = el("select", { id: "role", "aria-label": t("role") });
  for (const r of ROLES) role.append(el("option", { value: r, text: t("roles")[r] }));
  role.value = toolbar.role || "title";
  role.addEventListener("change", () => { toolbar.role = role.value; });
  const button = (action, key) =>
    el("button", { id: `do-${action}`, type: "button", onclick: () => act(action) },
      t(action) + " ", el("kbd", { text: key }));
  const picking = pending === null ? "" : t(pending.action === "join" ? "pickTarget" : "pickColumn");
  let status = message || picking || (naming ? t("typeNames") : "");
  if (!status && data) status = `${t("segmented")} ${data.ms} ms`;
  const field = el("input", { id: "names", type: "text", placeholder: t("names"), "aria-label": t("names") });
  field.value = names;
  field.addEventListener("input", () => { names = field.value; });
  field.addEventListener("focus", () => { naming = true; });
  return el("header", {},
    el("h1", { text: `${t("review")} · ${page}` }),
    role, button("role", "r"), button("split", "s"), button("merge", "m"), button("join", "j"),
    button("unjoin", "u"), button("continue", "c"), field, button("authors", "a"), button("undo", "z"),
    el("button", { id: "lang", type: "button", onclick: () => { lang = lang === "zh" ? "en" : "zh"; render(); } }, t("lang")),
    el("span", { id: "status", role: "status", text: status }),
    el("span", { class: "help", text: t("help") }));
}

function lineItem(line) {
  const classes = [];
  if (!line.text.trim()) classes.push("blank");
  if (line.article !== null) classes.push(`a${line.article % 8}`);
  if (line.role === "noise") classes.push("noise");
  if (line.confidence < 0.9) classes.push("unsure");
  if (line.fixed) classes.push("fixed");
  if (line.n === current) classes.push("current");
  if (pending !== null && line.n === pending.line) classes.push("pending");
  const item = el("li", { id: `line-${line.n}`, class: classes.join(" "), "data-line": line.n,
    "data-article": line.article === null ? "" : line.article, "data-role": line.role },
    el("span", { class: "n", text: line.n }), el("span", { class: "text", text: line.text }),
    el("span", { class: "role", text: line.role ? t("roles")[line.role] : "" }),
    el("span", { class: "conf", text: line.text.trim() ? line.confidence.toFixed(2) : "" }));
  if (line.text.trim()) item.addEventListener("click", () => select(line.n));
  return item;
}

function render() {
  document.documentElement.lang = lang === "zh" ? "zh-Hans" : "en";
  const body = document.body;
  body.replaceChildren(toolbar());
  if (!data) return;
  const error = el("div", { id: "error", role: "alert", text: data.error || "" });
  error.hidden = !data.error;
  const lines = el("ol", { id: "lines" }, ...data.lines.map(lineItem));
  const articles = el("ol", { class: "articles" }, ...data.articles.map((a) =>
    el("li", { class: `a${a.index % 8}`, "data-first": a.first, onclick: () => select(a.first) },
      el("strong", { text: a.title }), ` [${a.kind}] ${t("lines")} ${a.first}–${a.last}`,
      el("div", { class: "authors", text: `${t("authors")}: ${a.authors.join("、") || t("none")}` }),
      el("div", { class: "blocks" }, ...a.blocks.map((b) => el("div", { text: (b.type === "h" ? "# " : "") + b.text }))))));
  const decisions = el("ol", { class: "decisions" }, ...data.decisions.map((d) =>
    el("li", { onclick: () => select(d.line) }, `${d.confidence.toFixed(2)} · ${t("line")} ${d.line}: `,
      el("span", { text: d.what }), " — ", el("span", { text: d.why }))));
  const fixes = el("ol", { class: "fixes" }, ...data.fixes.map((f, i) =>
    el("li", {}, el("span", { text: `[[${f.table}]] ${f.text}` }),
      el("button", { type: "button", class: "drop", onclick: () => call("drop", { index: i }) }, t("drop")))));
  const aside = el("aside", {},
    el("section", {}, el("h2", { text: `${t("articles")} (${data.articles.length})` }), articles),
    el("section", {}, el("h2", { text: t("decisions") }), decisions),
    el("section", {}, el("h2", { text: `${t("fixes")}: ${data.file}` }),
      data.fixes.length ? fixes : el("p", { text: t("none") })));
  body.append(error, el("main", {}, el("section", {}, lines), aside));
  if (naming) document.getElementById("names").focus();
}

document.addEventListener("keydown", (event) => {
  if (event.target.tagName === "SELECT" && !["r", "Escape"].includes(event.key)) return;
  if (event.ctrlKey || event.metaKey || event.altKey || !data) return;
  if (event.target.tagName === "INPUT") {
    // Typing names: Enter sets them on the chosen line's article, Esc leaves the field.
    if (event.key === "Enter") { naming = true; act("authors"); }
    else if (event.key === "Escape") { naming = false; names = ""; render(); }
    else return;
    event.preventDefault();
    return;
  }
  const keys = { s: "split", m: "merge", j: "join", u: "unjoin", c: "continue", a: "authors", z: "undo", r: "role" };
  if (event.key === "ArrowDown") move(1);
  else if (event.key === "ArrowUp") move(-1);
  else if (event.key === "R") {
    const role = document.getElementById("role");
    toolbar.role = ROLES[(ROLES.indexOf(role.value) + 1) % ROLES.length];
    render();
  } else if (event.key === "Escape") { pending = null; naming = false; render(); }
  else if (keys[event.key]) act(keys[event.key]);
  else return;
  event.preventDefault();
});

call(null);
