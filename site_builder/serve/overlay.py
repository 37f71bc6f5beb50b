"""What the preview server adds to every HTML page it serves (never to ``output/``).

* the live-reload client of the ``livereload`` package, which connects back to the
  server's ``/livereload`` websocket and reloads the page (or only a stylesheet) on cue;
* while a rebuild is failing, an overlay over the last good page listing each error:
  file, line, what is wrong and what to do.
"""

from __future__ import annotations

import json

from site_builder.errors import UserError

OVERLAY_ID = "site-builder-errors"

_LIVE = (
    '<script>(function(){{var s=document.createElement("script");'
    's.src="//"+window.location.hostname+":{port}/livereload.js?port={port}";'
    "document.head.appendChild(s);}})();</script>"
)

# Builds the overlay from JSON with textContent only: error text is never parsed as HTML.
_OVERLAY = """<script type="application/json" id="{id}-data">{data}</script>
<script>(function(){{
var errors=JSON.parse(document.getElementById("{id}-data").textContent);
function show(){{
var box=document.createElement("div");box.id="{id}";box.setAttribute("role","alert");
box.style.cssText="position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2em;"
+"background:rgba(20,20,20,.93);color:#fff;font:15px/1.5 monospace;white-space:pre-wrap";
var head=document.createElement("p");head.style.cssText="color:#ff8a80;font-weight:bold";
head.textContent="site-builder: "+errors.length+" problem(s); the last good pages are shown "
+"until this is fixed (the page reloads by itself). Click to hide.";
box.appendChild(head);
errors.forEach(function(e){{var p=document.createElement("pre");
p.style.cssText="border-left:4px solid #ff8a80;padding-left:1em;white-space:pre-wrap";
p.textContent=e.file+(e.line?":"+e.line:"")+": "+e.message+(e.hint?"\\n  hint: "+e.hint:"");
box.appendChild(p);}});
box.addEventListener("click",function(){{box.remove();}});
document.body.appendChild(box);}}
if(document.body){{show();}}else{{document.addEventListener("DOMContentLoaded",show);}}
}})();</script>"""


def _json_in_html(value: object) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def snippet(port: int, errors: list[UserError]) -> str:
    """The markup injected before ``</head>``."""
    markup = _LIVE.format(port=port)
    if errors:
        data = [
            {"file": e.file, "line": e.line, "message": e.message, "hint": e.hint} for e in errors
        ]
        markup += _OVERLAY.format(id=OVERLAY_ID, data=_json_in_html(data))
    return markup


def inject(page: bytes, markup: str) -> bytes:
    """``page`` with ``markup`` before its ``</head>`` (at its end when it has none)."""
    added = markup.encode("utf-8")
    head_end = page.find(b"</head>")
    if head_end < 0:
        return page + added
    return page[:head_end] + added + page[head_end:]
