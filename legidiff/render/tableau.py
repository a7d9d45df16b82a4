"""The tableau comparatif as the Assemblée nationale and the Sénat lay it out: one block
per article of the bill, in the bill's order; in each, rows that put side by side the code
articles in force, the alinéas of the bill that change them (numbered as amendments count
them) and the consolidated articles.

``tableau(redline)`` builds it from a :class:`~legidiff.render.redline.Redline` made with
the bill (``compare(…, consolidation, bill)``); without a bill (two versions compared) the
rows follow the changed code articles.

Every alinéa of the bill has a row: instructions applied next to the articles they changed,
standalone provisions (entry into force, reports) with their text, failed instructions with
their diagnostics, instructions for another text marked as such. A code article changed by
several rows is shown in full in the first and named with a link in the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legidiff.apply.consolidate import Status
from legidiff.bill.text import BillArticle, BillItem
from legidiff.lang.numbering import strip_accents
from legidiff.render.redline import ArticleView, Instruction, Redline

# the worst status of the instructions of one line comes first
_RANK = (Status.FAILED, Status.UNRECOGNIZED, Status.APPLIED, Status.OUT_OF_SCOPE,
         Status.STANDALONE)

_OPENINGS = ("«", '"', "“")

# the middle column, named after the kind of text (its title's first words)
_KINDS = (("projet de loi organique", "Texte du projet de loi organique"),
          ("projet de loi", "Texte du projet de loi"),
          ("proposition de loi organique", "Texte de la proposition de loi organique"),
          ("proposition de loi", "Texte de la proposition de loi"),
          ("loi organique", "Texte de la loi organique"), ("loi", "Texte de la loi"),
          ("ordonnance", "Texte de l'ordonnance"), ("décret", "Texte du décret"),
          ("arrêté", "Texte de l'arrêté"), ("amendement", "Texte de l'amendement"))


# what a chamber's copy puts before the kind: "N° 2559 - ", "Texte adopté n° 510 - ",
# "N° 2636 annexe 0 - Rapport sur le "
_NUMBERED_RE = re.compile(r"^(?:texte adopté )?n° ?\S+(?: annexe \S+)? ?[-–—] ?"
                          r"(?:rapport (?:fait )?sur (?:le |la |l'))?")


def text_label(title: str | None) -> str:
    """The heading of the bill's column, from the bill's title.

    >>> text_label("PROPOSITION DE LOI visant à …")
    'Texte de la proposition de loi'
    >>> text_label("Loi n° 2021-998 du 30 juillet 2021 relative à …")
    'Texte de la loi'
    >>> text_label("Texte adopté n° 510 - Projet de loi, modifié, par l'Assemblée nationale")
    'Texte du projet de loi'
    >>> text_label(None)
    'Texte modificatif'
    """
    words = _NUMBERED_RE.sub("", " ".join((title or "").lower().split()), count=1)
    for start, label in _KINDS:
        if words == start or words.startswith((start + " ", start + ",")):
            return label
    return "Texte modificatif"


@dataclass(frozen=True, slots=True)
class BillLine:
    """An alinéa of the bill, as amendments count it, with what became of it."""

    number: int
    text: str
    line: int
    status: Status | None  # None: a chapeau, or a line no instruction was read from
    instructions: tuple[Instruction, ...]  # written on this line, or quoting it
    quoted: bool  # a line of quoted text (the instruction is on an earlier line)

    @property
    def diagnostics(self) -> tuple[tuple[str, str, str | None], ...]:
        if self.quoted:
            return ()  # said once, on the instruction's own line
        return tuple(d for i in self.instructions for d in i.diagnostics)


@dataclass(frozen=True, slots=True)
class CodeCell:
    """A code article in a row: shown in full where it first appears, else named."""

    article: ArticleView
    first: bool
    shown_in: str  # the id of the row that shows it in full
    shown_under: str  # the heading of that row's article of the bill ("Article 9")


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    lines: tuple[BillLine, ...]
    articles: tuple[CodeCell, ...]
    status: Status | None  # what the row's lines did, as a whole


@dataclass(frozen=True, slots=True)
class BillArticleView:
    id: str  # "article-11", "article-1er-bis"
    heading: str  # "Article 11"
    markers: tuple[str, ...]  # "(Non modifié)", "(nouveau)", "(Supprimé)" as written
    rows: tuple[Row, ...]
    counts: dict[str, int]  # instructions of the article by status

    @property
    def changed(self) -> int:
        """How many code articles the article's instructions changed (first shown here)."""
        return sum(1 for r in self.rows for c in r.articles if c.first)


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    text_label: str  # "Texte du projet de loi"
    old_label: str
    new_label: str
    articles: tuple[BillArticleView, ...]  # empty without a bill
    others: tuple[ArticleView, ...]  # changed code articles no row of the bill shows
    has_bill: bool


def tableau(redline: Redline) -> Table:
    source = redline.source
    if source is None:
        return Table(redline.title, text_label(redline.title), redline.old_label,
                     redline.new_label, (), redline.articles, False)
    by_line: dict[int, list[Instruction]] = {}
    for instruction in redline.instructions:
        by_line.setdefault(instruction.line, []).append(instruction)
    targets: dict[int, list[ArticleView]] = {}
    for article in redline.articles:
        for instruction in article.instructions:
            targets.setdefault(instruction.line, []).append(article)
    seen: dict[str, tuple[str, str]] = {}  # code article → where it is shown in full
    ids: set[str] = set()
    views = []
    for bill_article in source.articles:
        view_id = _unique(f"article-{_slug(bill_article.number) or 'sans-numero'}", ids)
        views.append(_bill_article(view_id, bill_article, by_line, targets, seen))
    others = tuple(a for a in redline.articles if a.id not in seen)
    return Table(redline.title, text_label(source.title or redline.title),
                 redline.old_label, redline.new_label, tuple(views), others, True)


def _bill_article(view_id: str, article: BillArticle, by_line: dict[int, list[Instruction]],
                  targets: dict[int, list[ArticleView]], seen: dict[str, tuple[str, str]]
                  ) -> BillArticleView:
    heading = f"Article {article.number}" if article.number else "Texte sans numéro d'article"
    owner: dict[int, int] = {}  # a quoted line → the line of the instruction quoting it
    for item in article.items:
        _owners(item, owner)
    rows: list[Row] = []
    current: list[BillLine] = []
    key: tuple[object, ...] | None = None
    pending: list[BillLine] = []  # chapeaux: with the row that follows them

    def close() -> None:
        nonlocal current, key
        if current:
            rows.append(_row(f"{view_id}-r-{current[0].number}", heading, current, targets,
                             seen))
        current, key = [], None

    last_at: int | None = None
    for alinea in article.alineas:
        at = owner.get(alinea.line, alinea.line)
        if (at == alinea.line and last_at is not None and at not in by_line
                and alinea.text.lstrip().startswith(_OPENINGS)):
            at = last_at  # a marker line of a quote ("« V. – (Supprimé) »"): its block's
        last_at = at
        instructions = tuple(by_line.get(at, ()))
        status = next((s for s in _RANK if any(i.status is s for i in instructions)), None)
        line = BillLine(alinea.number, alinea.text, alinea.line, status, instructions,
                        at != alinea.line)
        if status is None:
            pending.append(line)
            continue
        changed = tuple(dict.fromkeys(a.id for a in targets.get(at, ())))
        new_key: tuple[object, ...] = ("articles", *changed) if changed else ("status", status)
        if key is None or not (new_key == key or (
                changed and key[0] == "articles" and set(changed) <= set(key[1:]))):
            close()
            key = new_key
        current.extend(pending)
        current.append(line)
        pending = []
    current.extend(pending)
    close()
    counts: dict[str, int] = {}
    for instruction in {i.id: i for r in rows for x in r.lines for i in x.instructions}.values():
        counts[instruction.status.value] = counts.get(instruction.status.value, 0) + 1
    return BillArticleView(view_id, heading, article.markers, tuple(rows), counts)


def _row(row_id: str, heading: str, lines: list[BillLine],
         targets: dict[int, list[ArticleView]], seen: dict[str, tuple[str, str]]) -> Row:
    cells: list[CodeCell] = []
    shown: set[str] = set()
    for line in lines:
        if line.quoted:
            continue
        for article in targets.get(line.line, ()):
            if article.id in shown:
                continue
            shown.add(article.id)
            first = article.id not in seen
            seen.setdefault(article.id, (row_id, heading))
            cells.append(CodeCell(article, first, *seen[article.id]))
    statuses = {x.status for x in lines if x.status is not None}
    status = next((s for s in _RANK if s in statuses), None)
    return Row(row_id, tuple(lines), tuple(cells), status)


def _owners(item: BillItem, owner: dict[int, int]) -> None:
    if item.quote is not None:
        for line in item.quote.lines:
            if line != item.line:
                owner[line] = item.line
    for child in item.children:
        _owners(child, owner)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower()).strip("-")


def _unique(wanted: str, ids: set[str]) -> str:
    out, n = wanted, 1
    while out in ids:
        n += 1
        out = f"{wanted}-{n}"
    ids.add(out)
    return out
