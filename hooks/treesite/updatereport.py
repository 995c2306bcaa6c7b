"""The Markdown report of a source update (templates/source_update_report.md.j2): for an editor, never published."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .align import word_diff
from .citing import flat
from .copyfields import long_date
from .quotechanges import NEEDS_REVIEW, VERDICTS
from .updateplan import QuoteView, UpdateResult

TEMPLATES = Path(__file__).with_name("templates")


def render_report(plan: UpdateResult) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    env.filters["flat"] = flat
    quotes = plan.quotes
    counts = {v: sum(1 for q in quotes if q.change.verdict == v) for v in VERDICTS}
    citations = {v: sum(len(q.items) for q in quotes if q.change.verdict == v) for v in VERDICTS}
    rewordings = {k: sum(1 for q in quotes if q.change.kind_of_rewording == k) for k in ("meaning", "rename", "wording")}
    fates = plan.comparison.fates if plan.comparison else []
    paragraphs = {k: sum(1 for f in fates if f.kind == k) for k in ("same", "reworded", "gone")}
    paragraphs["moved"] = sum(1 for f in fates if f.moved)
    groups: dict[int, list[QuoteView]] = {}
    for view in quotes:
        if view.change.verdict in NEEDS_REVIEW:
            groups.setdefault(view.change.old.number, []).append(view)
    fate_of = {f.old.number: f for f in fates}
    paragraphs_to_review = sorted(
        ((fate_of[n], views) for n, views in groups.items()),
        key=lambda g: (min(VERDICTS.index(v.change.verdict) for v in g[1]), g[0].old.number),
    )
    return env.get_template("source_update_report.md.j2").render(
        plan=plan,
        paragraphs_to_review=paragraphs_to_review,
        word_diff=word_diff,
        source=plan.source,
        counts=counts,
        citations=citations,
        rewordings=rewordings,
        paragraphs=paragraphs,
        urgent=[q for q in quotes if q.change.verdict in NEEDS_REVIEW],
        calm=[q for q in quotes if q.change.verdict not in NEEDS_REVIEW],
        long_date=long_date,
    )
