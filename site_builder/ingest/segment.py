"""Segment one page dump into articles: the ingest stage's core, pure (no I/O).

lines (classify each line by shape)
  -> roles (how likely each short unpunctuated line is a heading)
  -> joins (re-join paragraphs cut at column ends; restore reading order)
  -> assemble (headlines, datelines, bylines -> articles)
"""

from __future__ import annotations

from site_builder.ingest.assemble import Assembler, Element, to_article
from site_builder.ingest.joins import choose_joins, reading_order
from site_builder.ingest.lines import furniture_of, read_units
from site_builder.ingest.roles import read_roles, reconsider
from site_builder.models import PageSegmentation


def segment_page(text: str, source: str) -> PageSegmentation:
    """Articles, noise and uncertain decisions of one page dump (already decoded)."""
    units = read_units(text)
    role_decisions = read_roles(units)
    plan = choose_joins(units)
    if reconsider(units, plan.joins, plan.confidence):
        plan = choose_joins(units)
    joins, decisions = plan.joins, plan.decisions
    elements = [Element([units[i] for i in group]) for group in reading_order(units, joins)]
    assembler = Assembler(elements)
    assembler.run()
    articles = [to_article(d) for d in assembler.drafts]
    return PageSegmentation(
        source=source,
        articles=articles,
        noise=sorted(assembler.noise, key=lambda n: n.line),
        decisions=sorted(
            role_decisions + decisions + assembler.decisions, key=lambda d: (d.line, d.what)
        ),
        furniture=furniture_of(units),
    )
