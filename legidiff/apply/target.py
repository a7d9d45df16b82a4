"""What every operation of the engine shares: the unit it designates inside an article
(:class:`Unit`, found on the working copy), what it did (:class:`Applied`) and how it fails
(:class:`EngineError`, a diagnostic code, a message and the evidence)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from legidiff.apply.worktree import WArticle, WDivision, Work
from legidiff.diagnostics import LegidiffError
from legidiff.document.locator import (
    Locator,
    Step,
    StepKind,
    Target,
    new_target,
    resolve_inside,
)
from legidiff.document.model import Alinea, Article, ArticlePath
from legidiff.document.structure import (
    AlineaInfo,
    Label,
    phrase_spans,
    read_labels,
    strip_header,
)
from legidiff.lang.text import visible


class EngineError(LegidiffError):
    """An instruction that cannot be applied: code, message, evidence."""


@dataclass
class Applied:
    """What an operation did: the unit in French, its text before and after, and
    informational notes (code, message)."""

    address: str | None = None
    before: str | None = None
    after: str | None = None
    infos: list[tuple[str, str]] = field(default_factory=list)
    unchanged: bool = False  # the text is the same but for typography (a suspicious no-op)


@dataclass
class Unit:
    """A unit inside an article: alinéas [start, end) and, for a phrase, its span in
    the alinéa's text. Its ``target`` says the items and counts found on the way; not
    the divisions above the article (:func:`bare_path`), nor the article's structure
    when no step needed it (``analysed=False`` in :func:`resolve_inside`)."""

    w: WArticle
    target: Target
    start: int
    end: int
    phrase: tuple[int, int] | None = None

    @property
    def article(self) -> Article:
        return self.w.article

    def text(self) -> str:
        alineas = self.article.alineas
        if self.phrase is not None:
            a, b = self.phrase
            return alineas[self.start].text[a:b]
        return "\n".join([visible(a.text, a.markup) for a in alineas[self.start:self.end]])


def with_alineas(article: Article, alineas: tuple[Alinea, ...]) -> Article:
    """``dataclasses.replace(article, alineas=alineas)``, without its look at the fields
    on each call (every operation makes one)."""
    return Article(article.num, alineas, article.meta, article.layout)


def rewritten(alinea: Alinea, text: str, origin: str | None,
              markup: bool | None = None) -> Alinea:
    """``dataclasses.replace(alinea, text=text, origin=origin[, markup=markup])``."""
    return Alinea(text, alinea.markup if markup is None else markup, alinea.layout, origin)


def find_unit(work: Work, locator: Locator,
              located: tuple[WDivision, WArticle | None, int] | None = None) -> Unit:
    """The unit ``locator`` designates; ``located``, when given, is what ``work.locate``
    just answered for it (not asked twice)."""
    _, w, first = work.locate(locator) if located is None else located
    if w is None:
        raise EngineError("LD301", "l'instruction ne désigne pas un article")
    return unit_in(work, w, locator, first)


def unit_in(work: Work, w: WArticle, locator: Locator, first: int) -> Unit:
    """The unit ``locator`` designates inside the article ``w``, its steps from ``first``
    on (the index :meth:`Work.locate` gave): after an operation changed the article's
    text, its unit anew without finding the article again."""
    steps = locator.steps
    last = steps[-1] if len(steps) > first else None
    if last is not None and last.until is not None:
        return _span(work, w, locator, first)
    if first == len(steps):  # the whole article: no need of its structure
        count = len(w.article.alineas)
        return Unit(w, new_target(locator, (), w.article, None, (), (0, count), None, None, ()),
                    0, count)
    target = resolve_inside(locator, bare_path(w), first, analysed=False)
    assert target.alineas is not None
    start, end = target.alineas
    phrase = None
    if target.phrase is not None:
        phrase = _raw_phrase(w.article.alineas[start], target.phrase, _info(target, start))
    return Unit(w, target, start, end, phrase)


def bare_path(w: WArticle) -> ArticlePath:
    """The article of ``w`` as the place a unit is resolved in. Its divisions are not
    said (the engine has them from ``w.parent`` and never reads a unit's
    ``target.divisions``): listing them for each unit found was work for nothing."""
    return ArticlePath((), w.article)


def _info(target: Target, index: int) -> AlineaInfo | None:
    """What the structure of the target's article knows of its alinéa ``index``."""
    return target.structure.alineas[index] if target.structure is not None else None


def _span(work: Work, w: WArticle, locator: Locator, first: int) -> Unit:
    """"Les premier et deuxième alinéas", "les 1° et 2°": from the first unit to the last,
    which must follow each other with nothing else between them."""
    last = locator.steps[-1]
    assert last.until is not None
    head = locator.steps[:-1]
    a = resolve_inside(Locator((*head, replace(last, until=None)), locator.code),
                       bare_path(w), first, analysed=False)
    b = resolve_inside(Locator((*head, Step(last.kind, last.until)), locator.code),
                       bare_path(w), first, analysed=False)
    assert a.alineas is not None
    assert b.alineas is not None
    if last.kind is StepKind.ITEM:
        siblings = (a.items[-2].children if len(a.items) > 1 else a.structure.items
                    ) if a.structure is not None else ()
        labels = [it.label for it in siblings]
        i, j = labels.index(a.items[-1].label), labels.index(b.items[-1].label)
        if j != i + 1:
            raise EngineError("LD313", f"entre le {last.value} et le {last.until} se trouvent "
                                       f"d'autres éléments que le texte ne nomme pas",
                              "éléments : " + ", ".join(labels[i:j + 1]))
    if b.alineas[1] <= a.alineas[0]:
        raise EngineError("LD301", "plage vide ou à l'envers")
    if last.kind is StepKind.PHRASE:
        # "les deux premières phrases du premier alinéa": those phrases, not the alinéa
        if a.phrase is None or b.phrase is None or a.alineas != b.alineas:
            raise EngineError("LD313", "phrases de plusieurs alinéas : plage non prise en "
                                       "charge")
        alinea = w.article.alineas[a.alineas[0]]
        info = _info(a, a.alineas[0])
        (start, _), (_, end) = (_raw_phrase(alinea, a.phrase, info),
                                _raw_phrase(alinea, b.phrase, info))
        if end <= start:
            raise EngineError("LD301", "plage vide ou à l'envers")
        return Unit(w, a, a.alineas[0], a.alineas[1], (start, end))
    return Unit(w, a, a.alineas[0], b.alineas[1])


def _raw_phrase(alinea: Alinea, index: int, info: AlineaInfo | None) -> tuple[int, int]:
    if alinea.markup:
        raise EngineError("LD312", "phrase dans un alinéa en HTML : modification non prise en "
                                   "charge", alinea.text[:200])
    spans = raw_phrases(alinea.text, info)
    if index >= len(spans):
        raise EngineError("LD301", f"pas de phrase n° {index + 1}", alinea.text[:200])
    return spans[index]


def raw_phrases(text: str, info: AlineaInfo | None = None) -> list[tuple[int, int]]:
    """Phrase spans in the text as written (labels and header left out). ``info``, what
    an article's structure knows of the alinéa of ``text`` when it holds no HTML, gives
    them without reading them again when its text is the text as written and its
    phrases start where these do: they are then the same spans."""
    start = body_start(text)
    if info is not None and info.body == start and info.text == text:
        return list(info.phrases)
    return phrase_spans(text, start)


def body_start(text: str) -> int:
    """Where the text of an alinéa starts, after its article header and its labels
    ("Art. L. 1. – I. – 1° ")."""
    _, offset = strip_header(text)
    labels = read_labels(text[offset:])
    return offset + (labels[-1].end if labels else 0)


def opening_labels(text: str) -> list[Label]:
    """The labels an alinéa opens with, after its article header ("Art. L. 1. – I. –
    1° …": I, 1°)."""
    return read_labels(text[strip_header(text)[1]:])


