"""The map of an article: every alinéa and phrase with its address, as drafters write
it ("le deuxième alinéa du I") and as a canonical locator (``art_L853-3/lab_I/al_2``)."""

from __future__ import annotations

from dataclasses import dataclass

from legidiff.document.locator import Locator, Step, StepKind
from legidiff.document.model import ArticlePath
from legidiff.document.structure import ArticleStructure, Item, Level, analyse
from legidiff.lang.numbering import article_bill_form, article_key
from legidiff.lang.text import counted


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    number: int
    locator: str
    french: str
    text: str


@dataclass(frozen=True, slots=True)
class AlineaEntry:
    number: int  # in the article, from 1
    items: tuple[tuple[str, int], ...]  # enclosing items, outermost first: (label, n-th alinéa)
    uncertain: str | None  # an item this alinéa may or may not belong to (see Item.open_end)
    locator: str
    french: str
    text: str  # visible text
    table: bool
    phrases: tuple[PhraseEntry, ...]
    origin: str | None = None  # what last changed it, after a consolidation


@dataclass(frozen=True, slots=True)
class ArticleMap:
    number: str
    locator: str
    where: str
    items: tuple[tuple[str, int, int], ...]  # every item, depth-first: (path, first, last)
    alineas: tuple[AlineaEntry, ...]


def article_map(path: ArticlePath, occurrence: int | None = None) -> ArticleMap:
    """Addresses of every alinéa and phrase of an article."""
    article = path.article
    structure = analyse(article)
    art_step = Step(StepKind.ARTICLE, article_key(article.num), occurrence)
    entries = []
    for i, info in enumerate(structure.alineas):
        full_chain = structure.path_to(i)
        chain = list(full_chain)
        uncertain = None
        # An unlabelled alinéa at the end of the last 1° / a) of a list may close the parent
        # instead: address it through the parent, as drafters do, and say so.
        while chain and chain[-1].open_end and i > chain[-1].start:
            uncertain = chain[-1].label
            chain.pop()
        steps = [art_step, *_item_steps(structure, chain)]
        unit_count = chain[-1].count if chain else len(article.alineas)
        in_unit = i - (chain[-1].start if chain else 0) + 1
        al_loc = Locator((*steps, Step(StepKind.ALINEA, str(in_unit))))
        counts: list[int | None] = [None] * len(steps) + [unit_count]
        phrases = []
        for k, (a, b) in enumerate(info.phrases):
            ph_loc = al_loc.child(StepKind.PHRASE, k + 1)
            phrases.append(PhraseEntry(k + 1, str(ph_loc),
                                       _french(ph_loc, [*counts, len(info.phrases)]),
                                       info.text[a:b]))
        entries.append(AlineaEntry(
            i + 1, tuple((it.label, i - it.start + 1) for it in full_chain), uncertain,
            str(al_loc),
            _french(al_loc, counts), info.text, not info.phrases and "<table" in
            article.alineas[i].text.lower(), tuple(phrases), article.alineas[i].origin))
    items = tuple(_flatten(structure.items, ""))
    return ArticleMap(article.num, str(Locator((art_step,))), path.describe(), items,
                      tuple(entries))


def _item_steps(structure: ArticleStructure, chain: list[Item]) -> list[Step]:
    steps = []
    siblings = structure.items
    for item in chain:
        if item.level is Level.TIRET:
            tirets = [c for c in siblings if c.level is Level.TIRET]
            steps.append(Step(StepKind.TIRET, str(tirets.index(item) + 1)))
        else:
            steps.append(Step(StepKind.ITEM, item.label))
        siblings = item.children
    return steps


def _french(locator: Locator, counts: list[int | None]) -> str:
    # Drop the article step: the map is printed under the article's heading.
    inner = Locator(locator.steps[1:])
    if not inner.steps:
        return ""
    return inner.to_french(counts[1:])


def _flatten(items: tuple[Item, ...], prefix: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for item in items:
        if item.level is Level.TIRET:
            continue
        name = f"{prefix}{item.label}"
        out.append((name, item.start + 1, item.end))
        out.extend(_flatten(item.children, name + " > "))
    return out


def render_map(amap: ArticleMap) -> str:
    """The map as text, for a terminal."""
    bill = article_bill_form(amap.number)
    lines = [f"Article {amap.number}" + (f" ({bill})" if bill != amap.number else "")
             + f" — {counted(len(amap.alineas), 'alinéa')}   [{amap.locator}]"]
    if amap.where:
        lines.append(f"  dans : {amap.where}")
    if amap.items:
        lines.append("  éléments : " + " · ".join(
            f"{name} (al. {a})" if a == b else f"{name} (al. {a} à {b})"
            for name, a, b in amap.items))
    for entry in amap.alineas:
        lines.append("")
        inside = "".join(f", {n}e du {label}" if n > 1 else f", 1er du {label}"
                         for label, n in entry.items)
        french = entry.french or f"{entry.number}e alinéa"
        count = f" ({len(entry.phrases)} phrases)" if len(entry.phrases) > 1 else ""
        if entry.uncertain:
            inside += f" (peut clore le parent plutôt que le {entry.uncertain})"
        lines.append(f"alinéa {entry.number}{inside} — {french}{count}   [{entry.locator}]")
        lines.append(f"  │ {entry.text}" if not entry.table else "  │ (tableau : un alinéa)")
        if entry.origin:
            lines.append(f"  ⤷ modifié par : {entry.origin}")
        if len(entry.phrases) < 2:
            continue
        for ph in entry.phrases:
            lines.append(f"  ├ phrase {ph.number} — {ph.french}   [{ph.locator}]")
            lines.append(f"  │   {ph.text}")
    return "\n".join(lines) + "\n"


def map_json(amap: ArticleMap) -> dict[str, object]:
    return {
        "article": amap.number, "locator": amap.locator, "where": amap.where,
        "items": [{"item": n, "first": a, "last": b} for n, a, b in amap.items],
        "alineas": [{
            "number": e.number, "locator": e.locator, "french": e.french, "text": e.text,
            "items": [{"item": label, "alinea": n} for label, n in e.items],
            "uncertain_item": e.uncertain,
            "table": e.table, "origin": e.origin,
            "phrases": [{"number": p.number, "locator": p.locator, "french": p.french,
                         "text": p.text} for p in e.phrases],
        } for e in amap.alineas],
    }
