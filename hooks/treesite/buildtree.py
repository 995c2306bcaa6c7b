"""Schema-valid YAML data to the tree's typed objects (model.py), with the line of every value.

Kept apart from the dataclasses so that each module has one job: model.py says what
the tree is, this module how it is read from the merged YAML.
"""

from __future__ import annotations

from typing import Any

from .cleaning import step_from_yaml
from .copyfields import fill_data
from .copymodel import build_copies, build_reviews
from .model import (
    Change,
    Cite,
    Fact,
    GlanceQuestion,
    GlanceRow,
    Node,
    NotCovered,
    Note,
    Option,
    Redirect,
    Retired,
    SiteInfo,
    Source,
    Topic,
    Tree,
    WordRule,
)
from .yamlfiles import LineMap


def _cites(raw: list[dict[str, Any]], at: tuple[str | int, ...], lines: LineMap) -> tuple[Cite, ...]:
    return tuple(Cite(c["source"], c["quote"], lines.find((*at, i, "quote"))) for i, c in enumerate(raw))


def build_tree(data: dict[str, Any], lines: LineMap) -> Tree:
    """Turn schema-valid data into objects; assumes check_schema found nothing (copy placeholders filled first)."""
    data = fill_data(data)
    site = data.get("site", {})

    def items(key: str) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
        return [((key, i), item) for i, item in enumerate(data.get(key, []))]

    nodes = []
    for at, raw in items("nodes"):
        nodes.append(
            Node(
                id=raw["id"],
                title=raw["title"],
                intro=raw.get("intro"),
                ask=raw.get("ask"),
                axis=raw.get("axis"),
                glance={
                    q: GlanceRow(
                        r["answer"],
                        r["fact"],
                        r.get("conflict"),
                        bool(r.get("silent")),
                        lines.find((*at, "glance", q, "fact")),
                        _cites(r.get("cites", []), (*at, "glance", q, "cites"), lines),
                    )
                    for q, r in (raw.get("glance") or {}).items()
                },
                facts=list(raw.get("facts", [])),
                notes=list(raw.get("notes", [])),
                keywords=list(raw.get("keywords", [])),
                reviewed=raw.get("reviewed"),
                options=[
                    Option(
                        o["label"],
                        o.get("short", o["label"]),
                        o.get("hint"),
                        o["to"],
                        lines.find((*at, "options", j, "to")),
                        tuple(o.get("synonyms", [])),
                        tuple(lines.find((*at, "options", j, "synonyms", k)) for k in range(len(o.get("synonyms", [])))),
                        tuple(o.get("features", [])),
                        tuple(lines.find((*at, "options", j, "features", k)) for k in range(len(o.get("features", [])))),
                        tuple(o.get("built_on", [])),
                    )
                    for j, o in enumerate(raw.get("options", []))
                ],
                where=lines.find((*at, "id")),
                fact_lines={f: lines.find((*at, "facts", j)) for j, f in enumerate(raw.get("facts", []))},
                axis_noun=raw.get("axis_noun"),
                qualifiers=tuple(raw.get("qualifiers", [])),
                qualifier_lines=tuple(lines.find((*at, "qualifiers", k)) for k in range(len(raw.get("qualifiers", [])))),
            )
        )
    return Tree(
        site=SiteInfo(
            tuple(
                GlanceQuestion(
                    q["id"],
                    q["label"],
                    q["question"],
                    lines.find(("site", "glance", i, "id")),
                    tuple(q.get("words", [])),
                    tuple(lines.find(("site", "glance", i, "words", k)) for k in range(len(q.get("words", [])))),
                )
                for i, q in enumerate(site.get("glance", []))
            ),
            site.get("content_date", ""),
        ),
        start=data.get("start", ""),
        start_where=lines.find(("start",)),
        topics=[Topic(r["id"], r["title"], lines.find((*at, "id")), r.get("glance")) for at, r in items("topics")],
        sources=[
            Source(
                id=r["id"],
                title=r["title"],
                publisher=r["publisher"],
                kind=r["kind"],
                date=r.get("date"),
                date_note=r.get("date_note"),
                url=r["url"],
                also_url=r.get("also_url"),
                file=r["file"],
                original_file=r.get("original_file"),
                cleaning=[step_from_yaml(c) for c in r.get("cleaning", [])],
                cleaning_lines=tuple(lines.find((*at, "cleaning", j)) for j in range(len(r.get("cleaning", [])))),
                where=lines.find((*at, "id")),
                file_where=lines.find((*at, "file")),
                short=r.get("short"),
                adopted=r.get("adopted"),
                copies=build_copies(r.get("copies", []), at, lines),
            )
            for at, r in items("sources")
        ],
        facts=[
            Fact(r["id"], r["topic"], r["text"], r.get("inference"), _cites(r["cites"], (*at, "cites"), lines), lines.find((*at, "id")))
            for at, r in items("facts")
        ],
        notes=[
            Note(
                r["id"],
                r["kind"],
                r["title"],
                r["text"],
                _cites(r["cites"], (*at, "cites"), lines),
                lines.find((*at, "id")),
                r.get("topic"),
            )
            for at, r in items("notes")
        ],
        nodes=nodes,
        redirects=[Redirect(r["from"], r["to"], lines.find((*at, "from"))) for at, r in items("redirects")],
        retired=[
            Retired(r["url"], r["title"], r["date"], r["reason"], r["instead"], lines.find((*at, "url"))) for at, r in items("retired")
        ],
        changes=[
            Change(
                date=r["date"],
                pages=tuple(r["pages"]),
                summary=r["summary"],
                why=r["why"],
                minor=bool(r.get("minor", False)),
                where=lines.find((*at, "date")),
                page_lines=tuple(lines.find((*at, "pages", j)) for j in range(len(r["pages"]))),
                source_update=r.get("source_update"),
            )
            for at, r in items("changes")
        ],
        not_covered=[
            NotCovered(
                id=r["id"],
                name=r["name"],
                names=tuple(r["names"]),
                name_lines=tuple(lines.find((*at, "names", k)) for k in range(len(r["names"]))),
                where=lines.find((*at, "id")),
                nearest=(r.get("nearest") or {}).get("node"),
                reason=(r.get("nearest") or {}).get("reason"),
                nearest_where=lines.find((*at, "nearest", "node")) if r.get("nearest") else None,
            )
            for at, r in items("not_covered")
        ],
        word_rules=[
            WordRule(
                kind=r["kind"],
                why=r["why"],
                words=tuple(r["words"]),
                word_lines=tuple(lines.find((*at, "words", k)) for k in range(len(r["words"]))),
                where=lines.find((*at, "kind")),
            )
            for at, r in items("not_synonyms")
        ],
        reviews=build_reviews(data.get("reviews", []), lines),
        passing=tuple(data.get("passing", [])),
        passing_lines=tuple(lines.find(("passing", k)) for k in range(len(data.get("passing", [])))),
        comparing=tuple(data.get("comparing", [])),
        comparing_lines=tuple(lines.find(("comparing", k)) for k in range(len(data.get("comparing", [])))),
    )
