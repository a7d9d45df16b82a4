"""What changed between two versions of a code, as a view for people: the articles
created, modified, repealed or renumbered, each alinéa aligned with its former self and
diffed word by word, with the instructions that made each change.

``compare(old, new, consolidation, bill)`` builds the view (:class:`Redline`);
``legidiff.render_html`` turns it into the redline page and the tableau comparatif, and
:func:`unified_diff` gives the consolidated text's diff for git users.

Ids are stable: an article's id is its canonical locator in the new version
(``art_L852-3``, ``art_R6332-4@2`` for the second of two articles so numbered), an
alinéa's adds its place in the article (``art_L852-3/al_2``); what exists only in the
old version is prefixed with ``old:`` (``old:art_L2/al_1``), so the two never collide.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from legidiff.apply.consolidate import Consolidation, Result, Status
from legidiff.bill.operations import Bill, NewText, Operation, origin_label
from legidiff.bill.text import BillText
from legidiff.document.locator import Locator, Step, StepKind
from legidiff.document.model import Alinea, Article, ArticlePath, Code
from legidiff.document.structure import read_labels
from legidiff.formats import Format, markdown, render
from legidiff.lang.numbering import article_bill_form
from legidiff.lang.text import visible
from legidiff.perf import paused_gc
from legidiff.render.diffing import Op, Segment, align, word_diff

OLD_PREFIX = "old:"


class ArticleStatus(Enum):
    CREATED = "créé"
    MODIFIED = "modifié"
    REPEALED = "abrogé"
    RENUMBERED = "renuméroté"


class AlineaStatus(Enum):
    EQUAL = "equal"
    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Instruction:
    """An instruction of the bill, as the pages show it."""

    id: str  # html id: "instr-18-4" (line and column in the bill)
    ref: str  # "article 11, I, 1°"
    title: str | None  # the bill's title
    text: str  # the sentence
    quoted: tuple[str, ...]  # the quoted alinéas it writes, if any
    status: Status
    diagnostics: tuple[tuple[str, str, str | None], ...] = ()  # code, message, evidence
    line: int = 0
    column: int = 0

    @property
    def origin(self) -> str:
        """As the engine records it on the alinéas it writes: "title, bill reference"."""
        return origin_label(self.title, self.ref)

    @property
    def label(self) -> str:
        """For a hover: "article 11, I, 1° : Au 1° du I …"."""
        return f"{self.ref} : {self.text}"


@dataclass(frozen=True, slots=True)
class AlineaView:
    id: str  # in the new version; for a deleted alinéa, its old id
    status: AlineaStatus
    segments: tuple[Segment, ...]
    instructions: tuple[str, ...] = ()  # ids of the instructions that made the change
    old_id: str | None = None  # in the old version ("old:art_L1/al_2"), when it was there

    @property
    def old_text(self) -> str:
        return "".join(s.text for s in self.segments if s.op is not Op.INSERT)

    @property
    def new_text(self) -> str:
        return "".join(s.text for s in self.segments if s.op is not Op.DELETE)


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: str
    number: str  # bill spelling: "L. 852-3"
    status: ArticleStatus
    where: str  # "Partie législative > Livre VIII > Titre V > Chapitre II"
    alineas: tuple[AlineaView, ...]
    old_number: str | None = None  # for a renumbered article
    instructions: tuple[Instruction, ...] = ()
    divisions: tuple[str, ...] = ()  # the headings of ``where``, outermost first

    @property
    def old_alineas(self) -> tuple[AlineaView, ...]:
        return tuple(a for a in self.alineas if a.status is not AlineaStatus.INSERTED)

    @property
    def new_alineas(self) -> tuple[AlineaView, ...]:
        return tuple(a for a in self.alineas if a.status is not AlineaStatus.DELETED)


@dataclass(frozen=True, slots=True)
class Redline:
    title: str
    old_label: str
    new_label: str
    articles: tuple[ArticleView, ...]
    instruction_counts: dict[str, int] = field(default_factory=dict)
    failures: tuple[Instruction, ...] = ()
    provisions: tuple[Instruction, ...] = ()  # standalone: they change no text
    out_of_scope: tuple[Instruction, ...] = ()  # for another text than the base
    instructions: tuple[Instruction, ...] = ()  # every instruction, in the bill's order
    source: BillText | None = None  # the bill as read, for the tableau comparatif

    @property
    def article_counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in ArticleStatus}
        for article in self.articles:
            counts[article.status.value] += 1
        return counts


# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    path: ArticlePath
    match: tuple[str, int | None]  # the article's key, and its rank among duplicates
    prefix: str = ""

    @property
    def id(self) -> str:
        """The canonical locator (built only for the articles shown)."""
        key, occurrence = self.match
        return self.prefix + str(Locator((Step(StepKind.ARTICLE, key, occurrence),)))


def _entries(code: Code) -> list[_Entry]:
    seen: dict[str, int] = {}
    paths = list(code.articles())
    counts: dict[str, int] = {}
    for path in paths:
        counts[path.article.key] = counts.get(path.article.key, 0) + 1
    out = []
    for path in paths:
        key = path.article.key
        seen[key] = seen.get(key, 0) + 1
        out.append(_Entry(path, (key, seen[key] if counts[key] > 1 else None)))
    return out


def _texts(article: Article) -> list[str]:
    return [visible(a.text, a.markup) for a in article.alineas]


def _where(path: ArticlePath) -> str:
    return " > ".join(d.heading for d in path.divisions)


def compare(old: Code, new: Code, consolidation: Consolidation | None = None,
            bill: Bill | None = None, *, old_label: str = "texte en vigueur",
            new_label: str = "texte consolidé") -> Redline:
    """The changed articles of ``new`` against ``old``, in the new order (repealed ones
    where they stood), with the instructions of ``consolidation`` that made them."""
    with paused_gc():
        return _compare(old, new, consolidation, bill, old_label, new_label)


def _compare(old: Code, new: Code, consolidation: Consolidation | None, bill: Bill | None,
             old_label: str, new_label: str) -> Redline:
    instructions = _instructions(consolidation, bill)
    by_place = {(i.line, i.column): i for _, i in instructions}
    changes = consolidation.changes if consolidation is not None else {}

    def made(key: str) -> tuple[Instruction, ...]:
        """The instructions that changed, created or removed the article ``key``."""
        return tuple(by_place[p] for p in changes.get(key, ()) if p in by_place)

    old_entries = {e.match: e for e in _entries(old)}
    new_entries = _entries(new)
    new_by_id = {e.match: e for e in new_entries}
    views: dict[tuple[str, int | None], ArticleView] = {}
    created: list[tuple[str, int | None]] = []
    for entry in new_entries:
        article = entry.path.article
        before = old_entries.get(entry.match)
        if before is None:
            created.append(entry.match)
            views[entry.match] = _article_view(entry, None, ArticleStatus.CREATED,
                                               made(article.key))
        elif before.path.article is not article and (  # untouched: the same object
                _texts(before.path.article) != _texts(article)):
            views[entry.match] = _article_view(entry, before, ArticleStatus.MODIFIED,
                                               made(article.key))
    repealed = [e for e in old_entries.values() if e.match not in new_by_id]
    # an article created with the very text of a repealed one was renumbered
    created_texts: dict[tuple[str, ...], list[tuple[str, int | None]]] = {}
    for entry_id in created:
        texts = tuple(_texts(new_by_id[entry_id].path.article))
        created_texts.setdefault(texts, []).append(entry_id)
    for old_entry in list(repealed):
        candidates = created_texts.get(tuple(_texts(old_entry.path.article)))
        if not candidates:
            continue
        match = candidates.pop(0)
        repealed.remove(old_entry)
        view = views[match]
        acts = _dedupe((*view.instructions, *made(old_entry.path.article.key)))
        views[match] = ArticleView(
            view.id, view.number, ArticleStatus.RENUMBERED, view.where,
            _alineas(view.id, old_entry.path.article, new_by_id[match].path.article, acts),
            article_bill_form(old_entry.path.article.num), acts, view.divisions)
    ordered = _in_order(list(old_entries.values()), new_entries, views, repealed, made)
    counts = consolidation.counts() if consolidation is not None else {}
    every = _dedupe(i for _, i in instructions)
    failures = tuple(i for i in every if i.status in (Status.FAILED, Status.UNRECOGNIZED))
    title = (bill.title if bill is not None and bill.title else None) or (
        new.title or old.title or "")
    return Redline(title, old_label, new_label, tuple(ordered), counts, failures,
                   tuple(i for i in every if i.status is Status.STANDALONE),
                   tuple(i for i in every if i.status is Status.OUT_OF_SCOPE), every,
                   bill.text if bill is not None else None)


Match = tuple[str, int | None]


def _in_order(old_entries: list[_Entry], new_entries: list[_Entry],
              views: dict[Match, ArticleView], repealed: list[_Entry],
              made: Callable[[str], tuple[Instruction, ...]]) -> list[ArticleView]:
    """New order; a repealed article comes after the article that preceded it in the old
    version and still exists (or first)."""
    new_matches = [e.match for e in new_entries]
    after: dict[Match | None, list[ArticleView]] = {}
    gone = {e.match for e in repealed}
    last_kept: Match | None = None
    kept = set(new_matches)
    for entry in old_entries:
        if entry.match in gone:
            view = _article_view(_Entry(entry.path, entry.match, OLD_PREFIX), entry,
                                 ArticleStatus.REPEALED, made(entry.path.article.key),
                                 gone=True)
            after.setdefault(last_kept, []).append(view)
        elif entry.match in kept:
            last_kept = entry.match
    out = list(after.get(None, []))
    for match in new_matches:
        if match in views:
            out.append(views[match])
        out.extend(after.get(match, []))
    return out


def _article_view(entry: _Entry, before: _Entry | None, status: ArticleStatus,
                  instructions: tuple[Instruction, ...], *, gone: bool = False
                  ) -> ArticleView:
    article = entry.path.article
    if gone:
        alineas = tuple(AlineaView(f"{entry.id}/al_{n}", AlineaStatus.DELETED,
                                   (Segment(Op.DELETE, text),),
                                   tuple(i.id for i in instructions), f"{entry.id}/al_{n}")
                        for n, text in enumerate(_texts(article), 1))
    else:
        alineas = _alineas(entry.id, before.path.article if before else None, article,
                           instructions)
    return ArticleView(entry.id, article_bill_form(article.num), status,
                       _where(entry.path), alineas, instructions=instructions,
                       divisions=tuple(d.heading for d in entry.path.divisions))


def _alineas(article_id: str, old: Article | None, new: Article,
             article_instructions: tuple[Instruction, ...]) -> tuple[AlineaView, ...]:
    old_texts = _texts(old) if old is not None else []
    new_texts = _texts(new)
    old_id = OLD_PREFIX + article_id
    every = tuple(i.id for i in article_instructions)
    out = []
    for pair in align(old_texts, new_texts, same_place=same_item_label):
        if pair.new is None:
            assert pair.old is not None
            deleted_id = f"{old_id}/al_{pair.old + 1}"
            out.append(AlineaView(deleted_id, AlineaStatus.DELETED,
                                  (Segment(Op.DELETE, old_texts[pair.old]),), every,
                                  deleted_id))
            continue
        made_by = _made_by(new.alineas[pair.new], article_instructions) or every
        new_id = f"{article_id}/al_{pair.new + 1}"
        if pair.old is None:
            out.append(AlineaView(new_id, AlineaStatus.INSERTED,
                                  (Segment(Op.INSERT, new_texts[pair.new]),), made_by))
        elif old_texts[pair.old] == new_texts[pair.new]:
            out.append(AlineaView(new_id, AlineaStatus.EQUAL,
                                  (Segment(Op.EQUAL, new_texts[pair.new]),),
                                  old_id=f"{old_id}/al_{pair.old + 1}"))
        else:
            segments = word_diff(old_texts[pair.old], new_texts[pair.new])
            out.append(AlineaView(new_id, AlineaStatus.CHANGED, tuple(segments), made_by,
                                  f"{old_id}/al_{pair.old + 1}"))
    return tuple(out)


def same_item_label(a: str, b: str) -> bool:
    """Two alinéas opening the same item ("I. –" and "I.-"): one place of the article."""
    la, lb = read_labels(a), read_labels(b)
    return bool(la) and bool(lb) and [x.text for x in la] == [x.text for x in lb]


def _made_by(alinea: Alinea, instructions: tuple[Instruction, ...]) -> tuple[str, ...]:
    """Of the instructions that changed the article, those that wrote this alinéa (its
    ``origin`` names their bill reference)."""
    if alinea.origin is None:
        return ()
    return tuple(i.id for i in instructions if i.origin == alinea.origin)


def _dedupe(items: Iterable[Instruction]) -> tuple[Instruction, ...]:
    seen: dict[str, Instruction] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(sorted(seen.values(), key=lambda i: (i.line, i.column)))


def _instructions(consolidation: Consolidation | None, bill: Bill | None
                  ) -> list[tuple[Result, Instruction]]:
    """Each result with its instruction; the operations of one sentence share one
    instruction (same id), whose diagnostics are all of theirs."""
    if consolidation is None:
        return []
    ops: dict[tuple[int, int], Operation] = {}
    if bill is not None:
        for op in bill.operations:
            ops.setdefault((op.source.line, op.source.column), op)
    grouped: dict[str, list[Result]] = {}
    for result in consolidation.results:
        grouped.setdefault(f"instr-{result.source.line}-{result.source.column}",
                           []).append(result)
    made: dict[str, Instruction] = {}
    for instruction_id, results in grouped.items():
        source = results[0].source
        found = ops.get((source.line, source.column))
        quoted: tuple[str, ...] = ()
        new = getattr(found, "new", None)
        if isinstance(new, NewText) and not new.inline:
            quoted = new.alineas
        statuses = [r.status for r in results]
        status = next((s for s in (Status.FAILED, Status.UNRECOGNIZED) if s in statuses),
                      statuses[0])
        diagnostics = tuple((d.code, d.message, d.evidence) for r in results
                            for d in r.diagnostics)
        made[instruction_id] = Instruction(instruction_id, source.bill_ref, source.title,
                                           source.text, quoted, status, diagnostics,
                                           source.line, source.column)
    return [(r, made[i]) for i, results in grouped.items() for r in results]


def unified_diff(old: Code, new: Code, name: str) -> str:
    """The two versions as Markdown, as a unified diff (``a/NAME``, ``b/NAME``): the text
    of :func:`difflib.unified_diff` over the two whole files, computed region by region.

    Each file is cut into blocks, one per heading (a division or an article with its
    alinéas); the blocks are matched first (an untouched article is the same block on
    both sides), and the lines are compared only inside the blocks that differ — a
    whole code (the code du travail: 84,000 lines) in a fraction of a second instead of
    seconds for one matcher over every line."""
    after = render(new, Format.MARKDOWN)  # read back and compared with ``new`` (LD105)
    return "".join(_unified(_old_markdown(old, new).splitlines(keepends=True),
                            after.splitlines(keepends=True), f"a/{name}", f"b/{name}"))


def _old_markdown(old: Code, new: Code) -> str:
    """``render(old, Format.MARKDOWN)``, with the same refusal (LD105) of an article that
    would read back otherwise, but checking only the articles that ``new`` does not
    share (the others were checked with ``new``): reading a whole code back is most of
    the time of a diff."""
    if old.source_format != new.source_format:
        return render(old, Format.MARKDOWN)
    kept = {id(path.article) for path in new.articles()}
    own = tuple(path.article for path in old.articles() if id(path.article) not in kept)
    if own:
        render(Code(None, own, source_format=old.source_format), Format.MARKDOWN)
    return markdown.write(old)


_HEADING_LINE_RE = re.compile(r"#+[ \t]")
Opcode = tuple[str, int, int, int, int]


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Where each block starts and ends (line indexes): a block starts at a heading."""
    starts = [0, *(i for i, line in enumerate(lines) if i and _HEADING_LINE_RE.match(line))]
    return list(zip(starts, [*starts[1:], len(lines)], strict=True))


def _opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """The opcodes of ``SequenceMatcher(None, a, b)``, block by block (see
    :func:`unified_diff`)."""
    blocks_a, blocks_b = _blocks(a), _blocks(b)
    keys_a = ["".join(a[i:j]) for i, j in blocks_a]
    keys_b = ["".join(b[i:j]) for i, j in blocks_b]
    out: list[Opcode] = []

    def add(tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 == i2 and j1 == j2:
            return
        if tag == "equal" and out and out[-1][0] == "equal":
            out[-1] = ("equal", out[-1][1], i2, out[-1][3], j2)
        else:
            out.append((tag, i1, i2, j1, j2))

    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, bi1, bi2, bj1, bj2 in matcher.get_opcodes():
        i1 = blocks_a[bi1][0] if bi1 < len(blocks_a) else len(a)
        i2 = blocks_a[bi2 - 1][1] if bi2 > bi1 else i1
        j1 = blocks_b[bj1][0] if bj1 < len(blocks_b) else len(b)
        j2 = blocks_b[bj2 - 1][1] if bj2 > bj1 else j1
        if tag == "equal":
            add("equal", i1, i2, j1, j2)
            continue
        for sub in difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2]).get_opcodes():
            add(sub[0], i1 + sub[1], i1 + sub[2], j1 + sub[3], j1 + sub[4])
    return out


def _unified(a: list[str], b: list[str], fromfile: str, tofile: str, n: int = 3
             ) -> Iterable[str]:
    """:func:`difflib.unified_diff` on precomputed opcodes (same text, same hunks)."""
    started = False
    for group in _grouped(_opcodes(a, b), n):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield (f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])


def _grouped(codes: list[Opcode], n: int) -> Iterable[list[Opcode]]:
    """The hunks: :meth:`difflib.SequenceMatcher.get_grouped_opcodes` on ``codes``."""
    if not codes:
        return
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * n:  # a long unchanged stretch ends a hunk
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _range(start: int, stop: int) -> str:
    """A hunk's range as ``difflib`` writes it."""
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start + 1 if length else start},{length}"
