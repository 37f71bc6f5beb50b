"""``sitemap.xml`` with language alternates, and ``robots.txt``.

The sitemap protocol requires absolute URLs, which only the site's owner knows: without
a ``base_url`` the build leaves the sitemap out and says so (``base_url_warnings``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from site_builder.render.i18n import HTML_LANG
from site_builder.render.urls import LANGS, localise

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def base_url_warnings(base_url: str | None) -> list[str]:
    """What a build without the site's address leaves out or writes relatively."""
    if base_url:
        return []
    return [
        "no --base-url: sitemap.xml was not written (the sitemap protocol requires absolute "
        "URLs) and the Atom feeds link relatively to their own address, which some feed "
        "readers do not resolve; build with --base-url https://your.site/path/ to have both"
    ]


def sitemap_xml(paths: list[str], base_url: str) -> str:
    """One ``url`` per page and language, each listing every language's copy, absolute."""
    prefix = base_url
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for path in sorted(set(paths)):
        for lang in LANGS:
            url = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = prefix + localise(path, lang)
            for other in LANGS:
                ET.SubElement(
                    url,
                    f"{{{XHTML}}}link",
                    {
                        "rel": "alternate",
                        "hreflang": HTML_LANG[other],
                        "href": prefix + localise(path, other),
                    },
                )
            ET.SubElement(
                url,
                f"{{{XHTML}}}link",
                {"rel": "alternate", "hreflang": "x-default", "href": prefix + path},
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def robots_txt(base_url: str | None) -> str:
    """Allow everything; name the sitemap when its absolute URL is known."""
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}sitemap.xml")
    return "\n".join(lines) + "\n"
