"""Views for browsing: home, dates (years → months → calendar → day), issues and pages."""

from __future__ import annotations

import calendar
from itertools import groupby

from site_builder.render.context import (
    Here,
    SiteData,
    View,
    date_view,
    page_label,
    page_view,
    summaries,
)
from site_builder.render.i18n import month_label, month_name, weekday_names, year_label
from site_builder.site.library import Issue

HOME_ISSUES = 10
HOME_ARTICLES = 12


def issue_view(site: SiteData, here: Here, issue: Issue, with_articles: bool) -> View:
    pages = []
    for page_id in issue.pages:
        view = page_view(site, here, page_id)
        if with_articles:
            view["articles"] = summaries(site, here, site.library.pages[page_id].articles)
        pages.append(view)
    return {"paper": issue.paper, "date": date_view(site, here, issue.date), "pages": pages}


def home_view(site: SiteData, here: Here) -> View:
    lib = site.library
    return {
        "title": here.gettext("Home"),
        "issues": [issue_view(site, here, i, False) for i in lib.issues[:HOME_ISSUES]],
        "latest": summaries(site, here, lib.listing[:HOME_ARTICLES]),
        "stats": {
            "articles": here.count("%(num)d article", "%(num)d articles", len(lib.articles)),
            "pages": here.count("%(num)d page", "%(num)d pages", len(lib.pages)),
            "tags": here.count("%(num)d tag", "%(num)d tags", len(lib.tags)),
            "places": here.count("%(num)d place", "%(num)d places", len(lib.places)),
        },
    }


def _undated_pages(site: SiteData) -> int:
    return sum(len(i.pages) for i in site.library.issues if i.date is None)


def dates_view(site: SiteData, here: Here) -> View:
    """Context of ``dates.html``: the years that have issues, and the undated pages."""
    dates = site.library.dates()
    years = []
    for year, days in groupby(dates, key=lambda d: d[:4]):
        count = len(list(days))
        years.append(
            {
                "label": year_label(int(year), here.lang),
                "href": here.link(site.urls.year(year)),
                "count": here.count("%(num)d issue day", "%(num)d issue days", count),
            }
        )
    undated = _undated_pages(site)
    return {
        "title": here.gettext("Browse by date"),
        "years": list(reversed(years)),
        "undated": {
            "count": here.count("%(num)d page", "%(num)d pages", undated),
            "href": here.link(site.urls.dates_unknown),
        }
        if undated
        else None,
    }


def year_view(site: SiteData, here: Here, year: str) -> View:
    """Context of ``year.html``: the months of one year that have issues."""
    days = [d for d in site.library.dates() if d.startswith(f"{year}-")]
    months = []
    for month, in_month in groupby(days, key=lambda d: d[5:7]):
        count = len(list(in_month))
        months.append(
            {
                "label": month_name(int(month), here.lang),
                "href": here.link(site.urls.month(year, month)),
                "count": here.count("%(num)d issue day", "%(num)d issue days", count),
            }
        )
    return {
        "title": year_label(int(year), here.lang),
        "year": {"label": year_label(int(year), here.lang)},
        "months": months,
        "up": here.link(site.urls.dates),
    }


def month_view(site: SiteData, here: Here, year: str, month: str) -> View:
    """Context of ``month.html``: a Monday-first calendar; days with issues are links."""
    all_months = sorted({d[:7] for d in site.library.dates()})
    days = {d for d in site.library.dates() if d.startswith(f"{year}-{month}-")}
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdayscalendar(int(year), int(month)):
        cells = []
        for day in week:
            iso = f"{year}-{month}-{day:02d}"
            cells.append(
                {
                    "day": day or None,
                    "href": here.link(site.urls.day(iso)) if iso in days else None,
                }
            )
        weeks.append(cells)
    position = all_months.index(f"{year}-{month}")

    def neighbour(index: int) -> View | None:
        if not 0 <= index < len(all_months):
            return None
        y, m = all_months[index].split("-")
        return {
            "label": month_label(int(y), int(m), here.lang),
            "href": here.link(site.urls.month(y, m)),
        }

    return {
        "title": month_label(int(year), int(month), here.lang),
        "month": {"label": month_label(int(year), int(month), here.lang)},
        "weekdays": weekday_names(here.lang),
        "weeks": weeks,
        "prev": neighbour(position - 1),
        "next": neighbour(position + 1),
        "up": here.link(site.urls.year(year)),
    }


def day_view(site: SiteData, here: Here, date: str | None) -> View:
    """Context of ``day.html``: every issue of one date (or every undated page) in full."""
    issues = [i for i in site.library.issues if i.date == date]
    dates = site.library.dates()

    def neighbour(index: int) -> View | None:
        return date_view(site, here, dates[index]) if 0 <= index < len(dates) else None

    position = dates.index(date) if date is not None else None
    day = date_view(site, here, date)
    return {
        "title": day["label"],
        "date": day,
        "issues": [issue_view(site, here, i, True) for i in issues],
        "prev": neighbour(position - 1) if position is not None else None,
        "next": neighbour(position + 1) if position is not None else None,
        "up": here.link(site.urls.month(date[:4], date[5:7]) if date else site.urls.dates),
    }


def pages_view(site: SiteData, here: Here) -> View:
    """Context of ``pages.html``: every issue with its pages, newest first."""
    return {
        "title": here.gettext("Browse by issue and page"),
        "issues": [issue_view(site, here, i, False) for i in site.library.issues],
    }


def page_view_full(site: SiteData, here: Here, page_id: str) -> View:
    """Context of ``page.html``: one printed page and its articles in reading order."""
    lib = site.library
    page = lib.pages[page_id]
    issue = next(i for i in lib.issues if page_id in i.pages)
    position = issue.pages.index(page_id)
    siblings = issue.pages

    def neighbour(index: int) -> View | None:
        if not 0 <= index < len(siblings):
            return None
        other = lib.pages[siblings[index]]
        return {"label": page_label(other, here), "href": here.link(site.urls.page(other.page_id))}

    view = page_view(site, here, page_id)
    return {
        "title": f"{view['date']['label']} {view['label']}",
        "page": view,
        "articles": summaries(site, here, page.articles),
        "prev": neighbour(position - 1),
        "next": neighbour(position + 1),
    }
