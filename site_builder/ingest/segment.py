"""Segment one page dump into articles: the ingest stage's core, pure (no I/O).

lines (classify each line by shape)
  -> roles (how likely each short unpunctuated line is a heading)
  -> joins (re-join paragraphs cut at column ends; restore reading order)
  -> assemble (headlines, datelines, bylines -> articles)
"""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.ingest.apply_fixes import (
    adopt_headlines,
    apply_roles,
    article_starts,
    column_links,
    column_starts,
    forced_joins,
    merge_drafts,
    name_authors,
    name_headline_parts,
)
from site_builder.ingest.assemble import Assembler
from site_builder.ingest.drafts import Element, to_article
from site_builder.ingest.fixes import Fixes
from site_builder.ingest.joins import choose_joins, reading_order
from site_builder.ingest.lines import Unit, furniture_of, read_units
from site_builder.ingest.roles import (
    headline_members,
    read_roles,
    reclaim_cut_words,
    reconsider,
    stanzas,
    verse_runs,
)
from site_builder.ingest.wrapped import column_width, join_wrapped
from site_builder.models import Decision, PageSegmentation


@dataclass(slots=True)
class Assembly:
    """A page read up to its assembled drafts, before a person's fixes merge them."""

    units: list[Unit]
    role_decisions: list[Decision]
    join_decisions: list[Decision]
    assembler: Assembler


def segment_page(text: str, source: str, fixes: Fixes | None = None) -> PageSegmentation:
    """Articles, noise and uncertain decisions of one page dump (already decoded);
    ``fixes`` (a person's corrections) are taken as decided."""
    assembly = assemble_page(text, fixes)
    units, role_decisions, assembler = assembly.units, assembly.role_decisions, assembly.assembler
    drafts, left = merge_drafts(assembler.drafts, fixes) if fixes else (assembler.drafts, [])
    articles = [to_article(d) for d in drafts]
    noise = assembler.noise + left
    if fixes:
        noise = adopt_headlines(articles, noise, fixes)
        name_headline_parts(articles, units, fixes)
        name_authors(articles, fixes)
    # A heading line the assembly read on as a paragraph after all (a poem's line) is no
    # longer in doubt as a heading: the doubt that stands is the assembly's own.
    in_text = {n for a in articles for b in a.blocks if b.type == "p" for n in b.lines}
    role_decisions = [
        d for d in role_decisions if not (d.line in in_text and d.what.endswith("as a heading"))
    ]
    return PageSegmentation(
        source=source,
        articles=articles,
        noise=sorted(noise, key=lambda n: n.line),
        decisions=sorted(
            role_decisions + assembly.join_decisions + assembler.decisions,
            key=lambda d: (d.line, d.what),
        ),
        furniture=furniture_of(units),
    )


def assemble_page(text: str, fixes: Fixes | None = None, learned_subheads: bool = True) -> Assembly:
    """Lines, roles, joins and reading order of a page dump, then its assembly."""
    columns = column_width(text)
    units = read_units(text, columns)
    if columns is not None:
        units = join_wrapped(units, columns)
    fixed = apply_roles(units, fixes) if fixes else []
    role_decisions = fixed + read_roles(units) + reclaim_cut_words(units)
    role_decisions += headline_members(units) + verse_runs(units) + stanzas(units)
    forced, starts = forced_joins(units, fixes), article_starts(units, fixes)
    links = column_links(units, fixes)
    plan = choose_joins(units, forced, starts, links)
    if any(f not in plan.joins or plan.joins[f].start != c for f, c in forced.items()):
        # A fixed join the page's own column cuts cannot carry: more cuts, then.
        starts |= column_starts(units, fixes)
        plan = choose_joins(units, forced, starts, links)
    if reconsider(units, plan.joins, plan.confidence):
        plan = choose_joins(units, forced, starts, links)
    joins, decisions = plan.joins, plan.decisions
    order = reading_order(units, joins, starts | plan.breaks, links)
    elements = [Element([units[i] for i in group]) for group in order]
    splits = frozenset(fixes.splits) if fixes else frozenset()
    assembler = Assembler(elements, splits, learned_subheads)
    assembler.run()
    return Assembly(units, role_decisions, decisions, assembler)
