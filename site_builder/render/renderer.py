"""Jinja2 environments and the ``Renderer`` that writes one page in both languages.

Templates get plain view dicts (see ``render.templates`` for what each one receives)
merged over the base context that ``base.html`` needs. Other components (search) render
their own pages through ``Renderer.page`` so that they share the layout, navigation,
and language switch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from site_builder.cache.memo import Memo
from site_builder.errors import UserError
from site_builder.render.context import Here, SiteData, View
from site_builder.render.i18n import HTML_LANG, translations
from site_builder.render.jobs import FileJob, Job, PageJob
from site_builder.render.output import SiteFolder
from site_builder.render.urls import LANGS, Linker, Urls, file_for, localise

LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
"""Each language named in itself, for the language switch (not translated, on purpose)."""
_ZH_SPAN = Markup('<span lang="zh-Hans">{}</span>')
_ZH_ATTR = Markup(' lang="zh-Hans"')


class ViewEnvironment(Environment):
    """Jinja's environment, looking ``view.key`` up as a key first in a plain dict.

    Views are plain dicts, and Jinja tries ``getattr`` before the item: an AttributeError
    raised and caught for every ``a.href`` of every page (about a fifth of the templates'
    own time at 1,000 articles). Anything but a dict, or a key a dict lacks, is looked up
    as Jinja does."""

    def getattr(self, obj: object, attribute: str) -> object:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def make_environment(
    templates_dir: Path, lang: str, reload: bool = True, compiled: BytecodeCache | None = None
) -> Environment:
    """Autoescaping, strict environment with the language's catalogue installed.

    ``reload``: check a template's file for changes each time it is used (the live
    preview's environments live across edits); a build's do not, and save a ``stat`` per
    page rendered. ``compiled``: where compiled templates are kept between builds."""
    env = ViewEnvironment(
        loader=FileSystemLoader(templates_dir),
        auto_reload=reload,
        bytecode_cache=compiled,
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    # Chinese text is marked as such only in the English tree (the Chinese pages are
    # zh-Hans from <html> down): ``zh(text)`` around a text, ``zh_lang()`` in a tag. Plain
    # functions, not macros: every title and name of every list calls one, and a Jinja
    # macro call costs several times the function's own work.
    if lang == "zh":
        env.globals["zh"] = escape
        env.globals["zh_lang"] = Markup
    else:
        env.globals["zh"] = _ZH_SPAN.format
        env.globals["zh_lang"] = lambda: _ZH_ATTR
    # ``tojson`` (the article's JSON-LD) writes Han text as itself, not as \u escapes of
    # twice the bytes; it still escapes <, >, & and ' for the script element.
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "ensure_ascii": False,
        "separators": (",", ":"),
    }
    return env


def base_context(here: Here, path: str) -> View:
    """What ``base.html`` needs on every page.

    ``lang`` (``zh``/``en``), ``html_lang`` (``zh-Hans``/``en``), ``site_name``, ``nav``
    (hrefs: home, dates, pages, tags, places, authors, about, search), ``static`` (href of
    the shared ``static/`` folder, ending in ``/``), ``switch`` (the same page in the other
    language: href, lang, hreflang, label), ``feed`` (href and title of the Atom feed to
    advertise), and ``base_href`` (None except on the 404 page when the site's URL is
    known). No page carries ``hreflang`` alternates: search engines read them only with
    absolute URLs, which the sitemap gives every page's copies when the site's URL is
    known; relative ones in each page (about 140 bytes of every page) served no reader.
    """
    link = here.link
    other = next(lang for lang in LANGS if lang != here.lang)
    return {
        "lang": here.lang,
        "html_lang": HTML_LANG[here.lang],
        "site_name": here.gettext("Newspaper Archive"),
        "nav": {
            "home": link(Urls.home),
            "dates": link(Urls.dates),
            "pages": link(Urls.pages),
            "tags": link(Urls.tags),
            "topics": link(Urls.topics),
            "places": link(Urls.places),
            "authors": link(Urls.authors),
            "about": link(Urls.about),
            "search": link(Urls.search),
        },
        "static": link.shared("static/"),
        "switch": {
            "href": link.other(path, other),
            "lang": other,
            "hreflang": HTML_LANG[other],
            "label": LANGUAGE_NAMES[other],
        },
        "feed": {"href": link(Urls.feed), "title": here.gettext("Latest articles")},
        "base_href": None,
    }


class Renderer:
    """Renders templates into a ``SiteFolder`` and remembers every page for the sitemap."""

    def __init__(
        self,
        site: SiteData,
        templates_dir: Path,
        folder: SiteFolder,
        envs: Mapping[str, Environment] | None = None,
        memo: Memo | None = None,
    ) -> None:
        self.site = site
        self.folder = folder
        self.templates_dir = templates_dir
        self.envs = envs or {lang: make_environment(templates_dir, lang) for lang in LANGS}
        """One environment per language; a live preview passes its own to keep them warm."""
        self.pages: list[str] = []
        """Site paths of every page written (language-neutral), in order of writing."""
        self.memo = memo
        """Where extra pages (search) keep state for the next build; None: nowhere."""

    def here(self, lang: str, path: str) -> Here:
        catalogue = translations(lang)
        return Here(lang, Linker(lang, path), catalogue.gettext, catalogue.ngettext)

    def page(
        self,
        template: str,
        path: str,
        view: Callable[[Here], View],
        in_sitemap: bool = True,
    ) -> None:
        """Write ``path`` in every language: ``base_context`` updated with ``view(here)``.

        ``view`` must return at least ``title`` (plain text; the layout adds the site name).
        """
        self.run(PageJob(template, path, view, in_sitemap))

    def run(self, job: Job) -> None:
        """Write the job's files; a page that belongs in the sitemap is remembered."""
        for file, text in self.texts(job):
            if isinstance(text, bytes):
                self.folder.write_bytes(file, text)
            else:
                self.folder.write_text(file, text)
        if isinstance(job, PageJob) and job.in_sitemap:
            self.pages.append(job.path)

    def texts(self, job: Job) -> list[tuple[str, str | bytes]]:
        """(file, content) of every file the job makes, without writing them."""
        if isinstance(job, FileJob):
            return [(job.path, job.text())]
        made: list[tuple[str, str | bytes]] = []
        for lang in LANGS:
            here = self.here(lang, job.path)
            context = base_context(here, job.path)
            context.update(job.view(here))
            made.append((file_for(localise(job.path, lang)), self.render(job.template, context)))
        return made

    def compile(self, templates: Iterable[str]) -> None:
        """Load ``templates`` in every language now: workers forked after this find them
        compiled (each compiled its own copies before)."""
        for name in sorted(set(templates)):
            for env in self.envs.values():
                try:
                    env.get_template(name)
                except TemplateError as error:
                    raise self._user_error(error, name) from None

    def render(self, template: str, context: View) -> str:
        lang = str(context["lang"])
        try:
            return self.envs[lang].get_template(template).render(context)
        except TemplateError as error:
            raise self._user_error(error, template) from None

    def _user_error(self, error: TemplateError, template: str) -> UserError:
        """Name the template file and line that failed, instead of a traceback."""
        line = getattr(error, "lineno", None)
        # ``filename`` is a path already (the templates folder joined in); ``name`` is not.
        filename = getattr(error, "filename", None)
        name = getattr(error, "name", None) or template
        shown = Path(filename) if filename else self.templates_dir / name
        tb = error.__traceback__
        while tb is not None:
            # Jinja maps template frames back to the template file; the last one is the culprit.
            if tb.tb_frame.f_code.co_filename.startswith(str(self.templates_dir)):
                shown, line = Path(tb.tb_frame.f_code.co_filename), tb.tb_lineno
            tb = tb.tb_next
        return UserError(
            str(shown),
            f"template error: {error.message or error}",
            "fix the template, or the view that feeds it (see site_builder/render/pages.py)",
            line,
        )
