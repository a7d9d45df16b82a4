"""Reverse drafting: from two versions of a text to the instructions, in légistique style.

``draft(old, new)`` compares two versions of a base and writes the instructions a drafter
would write (docs/drafting.md §2): the words replaced, inserted or deleted, naming the occurrence
when they repeat ("la deuxième occurrence du mot : « un »"); alinéas rewritten, inserted,
deleted; articles inserted after the article that precedes them, repealed, renumbered;
one chapeau per article ("L'article L. 222-1 est ainsi modifié :") with items 1°, 2° (and
a), b) under a chapeau for the code), a single instruction staying a single sentence;
« » quotations and ordinals in words.

Exactness first: each changed article is drafted at the finest level that the engine
turns back into the new text — words, then whole alinéas, then the whole article — and
the draft of the whole text is applied once more at the end. ``Draft.checked`` is true
only when that result is the new text in every respect (:func:`structure_difference`):
each division (kind, number, title) and article (number, alinéas) in its place and
order, duplicate numbers included. Items apply in order, each to the text left by the
previous ones, so every locator is counted on the text as the items before it leave it.

New divisions and articles are inserted next to a sibling the text already has (after
the article before them, before the one after them, after or before a division, else
at the end of their parent); a quoted block holds only what the reader of quoted text
puts back in place, the rest follows in later items. What no instruction can name — a
heading of no known kind, a division without a number — is never written with an empty
locator: the change is left out, and ``Draft.reasons`` says so, as it says which quoted
line the reader of bills would read otherwise ("3° (Supprimé)", a heading, unbalanced
guillemets) and how the result differs when the draft is not checked.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from legidiff.apply.consolidate import Consolidation, consolidate
from legidiff.bill.operations import Bill
from legidiff.bill.parse import parse_bill
from legidiff.bill.sentence import SentenceError, parse_chain
from legidiff.bill.text import read_bill
from legidiff.diagnostics import InputError, Severity
from legidiff.document.locator import StepKind
from legidiff.document.model import (
    Alinea,
    Article,
    Code,
    Division,
    DivisionKind,
    Node,
    parse_heading,
)
from legidiff.formats import blocks
from legidiff.lang.codes import canonical_code_name
from legidiff.lang.matching import find_all, same_text
from legidiff.lang.numbering import (
    ArticleNumber,
    article_bill_form,
    article_key,
    cardinal_words,
    division_key,
    ordinal_words,
    parse_cardinal,
)
from legidiff.lang.text import visible
from legidiff.perf import paused_gc
from legidiff.render.diffing import Op, Pair, Segment, align, word_diff
from legidiff.render.redline import same_item_label


class DraftLevel(Enum):
    WORDS = "mots"  # words and phrases inside alinéas (the units quoted text names: mots)
    ALINEAS = "alinéas"  # whole alinéas rewritten, inserted, deleted
    ARTICLE = "article"  # the article rewritten


@dataclass(frozen=True, slots=True)
class Change:
    """One instruction: its sentence with the article named in full (``full``) and
    relative to the article's chapeau (``relative``), and the quoted alinéas below."""

    relative: str
    full: str
    block: tuple[str, ...] = ()
    kind: str = ""
    lead: str = ""  # "Au premier alinéa", for changes of words that may share a sentence
    tail: str = ""  # what follows the lead


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    number: str  # bill spelling
    items: tuple[Change, ...]
    level: DraftLevel | None = None  # for a modified article
    kind: str = "modified"  # modified, created, repealed, renumbered
    order: float = 0.0  # place in the text: drafts are written in the order of the text


@dataclass(frozen=True, slots=True)
class Draft:
    code_name: str
    articles: tuple[ArticleDraft, ...]
    text: str  # the instructions, as a bill's article
    checked: bool  # applied to the old text, they give the new one exactly
    # why not checked: changes that could not be written, and what applying them gives
    reasons: tuple[str, ...] = ()
    # the check's own work: ``text`` parsed and applied to the old code (None when
    # nothing was drafted, or the text was not understood), for a caller who would
    # compute the same again (the LEGI history benchmark)
    applied: Consolidation | None = dataclasses.field(default=None, compare=False,
                                                      repr=False)

    def to_json(self) -> dict[str, object]:
        return {"format": "legidiff-draft", "version": 1, "code": self.code_name,
                "checked": self.checked, "text": self.text,
                "articles": [{"number": a.number, "kind": a.kind,
                              "level": a.level.value if a.level else None,
                              "instructions": [{"kind": i.kind, "text": i.full,
                                                "quoted": list(i.block)} for i in a.items]}
                             for a in self.articles]}


# ---------------------------------------------------------------------------
# French


def _alinea(n: int, total: int) -> str:
    """"deuxième alinéa", "second alinéa" (of two), "dernier alinéa" when useful."""
    return f"{ordinal_words(n, of_two=total == 2)} alinéa"


def _quote(text: str) -> str:
    return f"« {text} »"


_REFERENCE_RE = re.compile(r"^(?:,\s*)?(?:et\s+|ou\s+|aux?\s+|à\s+l['’])?(?:articles?\s+)?"
                           r"[LRDA]\.?\*?\s*\d[\d-]*(?:\s+(?:bis|ter|quater))?"
                           r"(?:\s*(?:,|et|à|ou)\s*[LRDA]\.?\*?\s*\d[\d-]*)*$")


def _words_kind(text: str) -> tuple[str, str, str]:
    """"le mot" / "les mots" ("la référence" / "les références" for article numbers),
    and the agreement of their verbs."""
    stripped = text.strip()
    if _REFERENCE_RE.match(stripped):
        several = bool(re.search(r"\d[\d-]*\s*(?:,|et|à|ou)\s*[LRDA]\.?", stripped))
        return ("les références", "sont", "es") if several else ("la référence", "est", "e")
    if " " in stripped or "\u00a0" in stripped:
        return "les mots", "sont", "s"
    return "le mot", "est", ""


def _one_line(text: str) -> str:
    """An alinéa on one line of a bill: line breaks inside it (raw HTML of LEGI keeps
    them) are runs of spaces, which "exact" sets aside (docs/drafting.md §1)."""
    return re.sub(r"\s*\n\s*", " ", text).strip() if "\n" in text else text


_OF = {"le mot": "du mot", "les mots": "des mots", "la référence": "de la référence",
       "les références": "des références"}


def _block(lines: list[str]) -> tuple[str, ...]:
    """Alinéas quoted as bills quote them: each opens with «, the last closes with »."""
    if not lines:
        return ()
    out = [f"« {_one_line(line)}" for line in lines]
    out[-1] += " »"
    return tuple(out)


# ---------------------------------------------------------------------------
# One article


@dataclass
class _Writer:
    """Instructions on one article, each counted on the text the previous ones leave."""

    number: str  # bill spelling
    code_name: str
    current: list[str]  # the article's alinéas as the items so far leave them
    items: list[Change]

    @property
    def article(self) -> str:
        return f"l'article {self.number}"

    def _at(self, n: int) -> tuple[str, str]:
        """"Au deuxième alinéa" and "Au deuxième alinéa de l'article L. 1 du code …"."""
        name = _alinea(n, len(self.current))
        return f"Au {name}", f"Au {name} de {self.article} du {self.code_name}"

    def _the(self, n: int) -> tuple[str, str]:
        name = _alinea(n, len(self.current))
        return f"Le {name}", f"Le {name} de {self.article} du {self.code_name}"

    def add(self, relative: str, full: str, block: tuple[str, ...] = (),
            kind: str = "", lead: str = "", tail: str = "") -> None:
        previous = self.items[-1] if self.items else None
        if lead and previous is not None and previous.lead == lead and previous.tail:
            # two changes of one alinéa: one sentence ("… et les mots : … sont …")
            head_full = previous.full[: len(previous.full) - len(previous.tail)]
            joined = f"{previous.tail} et {tail}"
            self.items[-1] = Change(f"{lead}, {joined}", f"{head_full}{joined}", (),
                                  previous.kind, "", "")
            return
        self.items.append(Change(relative, full, block, kind, lead, tail))

    # -- words ----------------------------------------------------------------

    def words(self, n: int, old: str, new: str) -> bool:
        """The changes inside alinéa ``n`` (from 1) as word instructions; False when they
        cannot be said that way (the caller then rewrites the alinéa)."""
        segments = word_diff(old, new)
        text = old
        offset = 0  # where the next segment starts in ``text`` (the text so far)
        hunks = _hunks(segments)
        if not hunks or len(hunks) > 2 or sum(len(r) for _, r, _ in hunks) > 0.6 * len(old):
            return False  # more than two changes, or most of the text: it is rewritten
        for before, removed, added in hunks:
            offset += len(before)
            x, y = removed.strip(), added.strip()
            start = offset + (len(removed) - len(removed.lstrip()))
            if not x and not y:
                return False
            if x and y:
                done = self._replace(n, text, x, start, y)
            elif x:
                done = self._delete(n, text, x, start)
            else:
                done = self._insert(n, text, start, y, offset)
            if not done:
                return False
            text = text[:offset] + added + text[offset + len(removed):]
            offset += len(added)
        self.current[n - 1] = new
        return text == new

    def _occurrence(self, text: str, words: str, start: int) -> tuple[str, bool] | None:
        """How to name ``words`` found at ``start``: "" when they occur once, "la
        deuxième occurrence " otherwise; None when they cannot be found there."""
        places = find_all(text, words)
        index = next((k for k, (a, _) in enumerate(places) if a == start), None)
        if index is None:
            return None
        if len(places) == 1:
            return "", False
        last = index == len(places) - 1 and len(places) > 2
        word = "dernière" if last else ordinal_words(index + 1, feminine=True,
                                                      of_two=len(places) == 2)
        return f"la {word} occurrence ", True

    def _replace(self, n: int, text: str, x: str, start: int, y: str) -> bool:
        named = self._occurrence(text, x, start)
        if named is None:
            return False
        occurrence, _ = named
        kind, verb, s = _words_kind(x)
        new_kind = _words_kind(y)[0]
        if occurrence:
            subject = f"{occurrence}{_OF[kind]} : {_quote(x)} est remplacée"
        else:
            subject = f"{kind} : {_quote(x)} {verb} remplacé{s}"
        tail = f"{subject} par {new_kind} : {_quote(y)}"
        at, at_full = self._at(n)
        self.add(f"{at}, {tail}", f"{at_full}, {tail}", kind="replace_words", lead=at,
                 tail=tail)
        return True

    def _delete(self, n: int, text: str, x: str, start: int) -> bool:
        named = self._occurrence(text, x, start)
        if named is None:
            return False
        occurrence, _ = named
        kind, verb, s = _words_kind(x)
        if occurrence:
            tail = f"{occurrence}{_OF[kind]} : {_quote(x)} est supprimée"
        else:
            tail = f"{kind} : {_quote(x)} {verb} supprimé{s}"
        at, at_full = self._at(n)
        self.add(f"{at}, {tail}", f"{at_full}, {tail}", kind="delete_words", lead=at,
                 tail=tail)
        return True

    def _insert(self, n: int, text: str, start: int, y: str, offset: int) -> bool:
        head = text[:offset].rstrip()
        new_kind, verb, s = _words_kind(y)
        inserted = f"{verb} inséré{s} {new_kind} : {_quote(y)}"
        if not head:  # at the start of the alinéa
            name = _alinea(n, len(self.current))
            added = f"{verb} ajouté{s} {new_kind} : {_quote(y)}"
            self.add(f"Au début du {name}, {added}",
                     f"Au début du {name} de {self.article} du {self.code_name}, {added}",
                     kind="insert_words")
            return True
        if offset == len(text) and head.endswith(".") and y[:1].isupper() and \
                y.endswith("."):  # a sentence after the last: the alinéa is completed
            the, the_full = self._the(n)
            block = _block([y])
            self.add(f"{the} est complété par une phrase ainsi rédigée :",
                     f"{the_full} est complété par une phrase ainsi rédigée :", block,
                     kind="complete_phrase")
            return True
        anchor = _anchor(head)
        if anchor is None:
            return False
        named = self._occurrence(text, anchor, len(head) - len(anchor))
        if named is None:
            return False
        occurrence, _ = named
        anchor_kind = _words_kind(anchor)[0]
        if occurrence:
            after = f"après {occurrence}{_OF[anchor_kind]} : {_quote(anchor)}"
        else:
            after = f"après {anchor_kind} : {_quote(anchor)}"
        at, at_full = self._at(n)
        self.add(f"{at}, {after}, {inserted}", f"{at_full}, {after}, {inserted}",
                 kind="insert_words", lead=at, tail=f"{after}, {inserted}")
        return True

    # -- alinéas --------------------------------------------------------------

    def rewrite(self, n: int, new: str) -> None:
        the, the_full = self._the(n)
        self.add(f"{the} est ainsi rédigé :", f"{the_full} est ainsi rédigé :", _block([new]),
                 kind="rewrite")
        self.current[n - 1] = new

    def insert(self, n: int, lines: list[str]) -> None:
        """Insert ``lines`` after alinéa ``n`` (0: before the first)."""
        count = len(lines)
        # a count in words as far as the grammar reads one (its COUNT ends at "dix")
        what = ("un alinéa ainsi rédigé" if count == 1 else
                f"{cardinal_words(count)} alinéas ainsi rédigés" if count <= 10 else
                "les alinéas suivants")
        verb = "il est inséré" if count == 1 else "sont insérés"
        if n == len(self.current):  # at the end (of an article emptied, too)
            added = "il est ajouté" if count == 1 else "sont ajoutés"
            self.add(f"{added[:1].upper()}{added[1:]} {what} :",
                     f"L'{self.article[2:]} du {self.code_name} est complété par {what} :",
                     _block(lines), kind="complete")
            self.current[n:n] = lines
            return
        if n == 0:
            lead = "Avant le premier alinéa"
            lead_full = f"Avant le premier alinéa de {self.article} du {self.code_name}"
        else:
            name = _alinea(n, len(self.current))
            lead = f"Après le {name}"
            lead_full = f"Après le {name} de {self.article} du {self.code_name}"
        self.add(f"{lead}, {verb} {what} :", f"{lead_full}, {verb} {what} :", _block(lines),
                 kind="insert_units")
        self.current[n:n] = lines

    def delete(self, n: int, count: int) -> None:
        """Delete alinéas ``n`` to ``n + count - 1``."""
        total = len(self.current)
        if count == 1:
            the, the_full = self._the(n)
            self.add(f"{the} est supprimé", f"{the_full} est supprimé", kind="delete")
        else:
            names = " et ".join(ordinal_words(k, of_two=total == 2)
                                for k in (n, n + count - 1))
            if count > 2:
                names = f"{ordinal_words(n)} à {ordinal_words(n + count - 1)}"
            subject = f"Les {names} alinéas"
            self.add(f"{subject} sont supprimés",
                     f"{subject} de {self.article} du {self.code_name} sont supprimés",
                     kind="delete")
        del self.current[n - 1:n - 1 + count]


def _hunks(segments: list[Segment]) -> list[tuple[str, str, str]]:
    """(equal text before, removed, added) for each run of changes, widened to whole
    words ("852-2" → "852-3" is said of the whole reference, not of its last digit) and
    merged when only a word or two separate them, as drafters quote them."""
    # as (start, end) in the old text and the new text
    spans: list[list[int]] = []
    i = j = 0
    for s in segments:
        if s.op is Op.EQUAL:
            i += len(s.text)
            j += len(s.text)
            continue
        if not spans or spans[-1][1] != i or spans[-1][3] != j:
            spans.append([i, i, j, j])
        if s.op is Op.DELETE:
            i += len(s.text)
            spans[-1][1] = i
        else:
            j += len(s.text)
            spans[-1][3] = j
    old = "".join(s.text for s in segments if s.op is not Op.INSERT)
    new = "".join(s.text for s in segments if s.op is not Op.DELETE)
    widened: list[list[int]] = []
    for a, b, c, d in spans:
        if _cuts_word(old, a) or _cuts_word(new, c):
            while a > 0 and not old[a - 1].isspace() and c > 0 and old[a - 1] == new[c - 1]:
                a, c = a - 1, c - 1
        if _cuts_word(old, b) or _cuts_word(new, d):
            while b < len(old) and not old[b].isspace() and d < len(new) and old[b] == new[d]:
                b, d = b + 1, d + 1
        if _number_word(old[a:b]) and _number_word(new[c:d]):
            # a number is quoted with its noun: « deux mois », not « deux »
            m = re.match(r"\s+[^\W\d]+", old[b:])
            if m and new[d:].startswith(m.group()):
                b, d = b + m.end(), d + m.end()
        prefix = _REFERENCE_HEAD_RE.search(old, 0, a)
        if prefix is not None and (a == prefix.end()) and new[:c].endswith(prefix.group()):
            a, c = prefix.start(), c - len(prefix.group())  # « R. 224-6 », not « 224-6 »
        if widened and (a - widened[-1][1] <= 0 or _short_gap(old[widened[-1][1]:a])):
            widened[-1][1], widened[-1][3] = b, d
        else:
            widened.append([a, b, c, d])
    out: list[tuple[str, str, str]] = []
    done = 0
    for a, b, c, d in widened:
        out.append((old[done:a], old[a:b], new[c:d]))
        done = b
    return out


_REFERENCE_HEAD_RE = re.compile(r"(?:\b[LRDA]\.\*?|\bL\.O\.)\s+$")


def _number_word(text: str) -> bool:
    word = text.strip()
    return bool(word) and " " not in word and (word.isdigit() or parse_cardinal(word)
                                               is not None)


def _cuts_word(text: str, at: int) -> bool:
    """Whether a boundary falls inside a word or a number ("852-|2")."""
    return 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace() \
        and (text[at - 1].isalnum() or text[at - 1] in "-°") and text[at].isalnum()


def _short_gap(text: str) -> bool:
    """One or two words between two changes: quote them together."""
    return len(text.split()) <= 2 and len(text) <= 16




def _anchor(head: str) -> str | None:
    """The word (or two, when the last is a number or a short word) an insertion follows."""
    words = head.split()
    if not words:
        return None
    last = words[-1]
    if len(words) > 1 and (len(last.strip(".,;:")) <= 2 or last[0].isdigit()):
        return f"{words[-2]} {last}"
    return last


def _draft_modified(old: Article, new: Article, code_name: str, level: DraftLevel,
                    pairs: list[Pair] | None = None) -> list[Change]:
    """The instructions at one level; ``pairs``: the alignment of the alinéas, when the
    caller has it already."""
    number = article_bill_form(new.num)
    old_texts = [a.text for a in old.alineas]
    new_texts = [a.text for a in new.alineas]
    writer = _Writer(number, code_name, list(old_texts), [])
    if level is DraftLevel.ARTICLE:
        return _rewrite_article(number, new_texts, code_name)
    if pairs is None:
        pairs = _aligned(old, new)
    position = 0  # alinéas of the current text already passed
    k = 0
    while k < len(pairs):
        pair = pairs[k]
        if pair.old is not None and pair.new is None:  # a run of deletions
            run = 1
            while k + run < len(pairs) and pairs[k + run].old is not None \
                    and pairs[k + run].new is None:
                run += 1
            added = 0  # insertions right after: as many alinéas rewritten
            while k + run + added < len(pairs) and pairs[k + run + added].old is None:
                added += 1
            rewritten = min(run, added)
            for m in range(rewritten):
                new_index = pairs[k + run + m].new
                assert new_index is not None
                writer.rewrite(position + 1, new_texts[new_index])
                position += 1
            if run > rewritten:
                writer.delete(position + 1, run - rewritten)
            k += run + rewritten
            continue
        if pair.old is None and pair.new is not None:  # a run of insertions
            lines = [new_texts[pair.new]]
            while k + len(lines) < len(pairs) and pairs[k + len(lines)].old is None:
                nxt = pairs[k + len(lines)].new
                assert nxt is not None
                lines.append(new_texts[nxt])
            writer.insert(position, lines)
            position += len(lines)
            k += len(lines)
            continue
        assert pair.old is not None
        assert pair.new is not None
        before, after = old_texts[pair.old], new_texts[pair.new]
        position += 1
        if before != after:
            markup = old.alineas[pair.old].markup or new.alineas[pair.new].markup
            done = False
            if level is DraftLevel.WORDS and not markup:
                mark = len(writer.items)
                done = writer.words(position, before, after)
                if not done:
                    del writer.items[mark:]
                    writer.current[position - 1] = before
            if not done:
                writer.rewrite(position, after)
        k += 1
    return writer.items


def _aligned(old: Article, new: Article) -> list[Pair]:
    return _deletions_first(align([visible(a.text, True) for a in old.alineas],
                                  [visible(a.text, True) for a in new.alineas],
                                  same_place=same_item_label))


def _deletions_first(pairs: list[Pair]) -> list[Pair]:
    """In each region of alinéas replaced by others, the old ones go first: a new "4°"
    must not meet the old "4°" it replaces."""
    out: list[Pair] = []
    run: list[Pair] = []
    for pair in [*pairs, Pair(0, 0)]:
        if (pair.old is None) != (pair.new is None):
            run.append(pair)
            continue
        out.extend(p for p in run if p.new is None)
        out.extend(p for p in run if p.old is None)
        run = []
        out.append(pair)
    return out[:-1]


def _rewrite_article(number: str, lines: list[str], code_name: str) -> list[Change]:
    return [Change("Cet article est ainsi rédigé :",
                 f"L'article {number} du {code_name} est ainsi rédigé :",
                 _block(_article_lines(number, lines)), kind="rewrite")]


def _article_lines(number: str, texts: list[str]) -> list[str]:
    """An article as a bill quotes it: "Art. L. 2. – " before its first alinéa (alone
    on its line when the article has none)."""
    head = _article_header(number)
    return [f"{head} {texts[0]}", *texts[1:]] if texts else [head]


@cache
def _article_header(number: str) -> str:
    """"Art. L. 2. –", spelt so that the reader of quoted text reads this very number
    back: the bill's spelling, else the same without the space after the prefix
    ("Art. L.O.130-1. –", which the reader takes where it misses "L.O. 130-1")."""
    key = article_key(number)
    for form in (number, re.sub(r"(?<=\.)\s+(?=\d)", "", number)):
        head = f"Art. {form}. –"
        try:
            read = blocks.read(f"{head} x", Path("<texte cité>"), [])
        except InputError:
            continue
        if [p.article.key for p in read.articles()] == [key]:
            return head
    return f"Art. {number}. –"


# ---------------------------------------------------------------------------
# The whole text

_Chain = tuple[tuple[str, str], ...]  # a division as the kinds and numbers leading to it
_Ident = tuple[_Chain, str, int]  # an article: its division, its key, which of that key there


_PART_WORDS = {"legislative": "législative", "reglementaire": "réglementaire",
               "arretes": "arrêtés"}
# the parties that "la partie réglementaire" (législative, arrêtés) would not tell apart in
# the two versions drafted: "Partie réglementaire - Décrets en Conseil d'Etat" and
# "Partie réglementaire - Décrets simples" (set by ``draft``)
_AMBIGUOUS_PARTS: ContextVar[frozenset[str]] = ContextVar("_AMBIGUOUS_PARTS",
                                                          default=frozenset())


def _part_word(key: str) -> str | None:
    """"reglementaire" for the partie "réglementaire - Décrets en Conseil d'Etat" (or
    "législative ancienne"): the partie a qualified partie is; None for another."""
    first = re.split(r"[\s-]", key, maxsplit=1)[0]
    return first if first in _PART_WORDS else None


_REPEATED_HEADINGS: ContextVar[frozenset[str]] = ContextVar("_REPEATED_HEADINGS",
                                                           default=frozenset())
"""The headings (:func:`_heading_key`) that more than one division of a text has: a
division named by such a heading is named with the divisions above it."""


def _heading_key(heading: str) -> str:
    return " ".join(heading.split()).casefold()


def _repeated_headings(*codes: Code) -> frozenset[str]:
    repeated: set[str] = set()
    for code in codes:
        seen: set[str] = set()
        for _, node in code.walk():
            if isinstance(node, Division) and _name(node) is None:
                key = _heading_key(node.heading)
                if key in seen:
                    repeated.add(key)
                seen.add(key)
    return frozenset(repeated)


def _ambiguous_parts(*codes: Code) -> frozenset[str]:
    keys: dict[str, set[str]] = {}
    for code in codes:
        for _, node in code.walk():
            if isinstance(node, Division) and node.kind is DivisionKind.PARTIE:
                word = _part_word(node.key)
                if word is not None:
                    keys.setdefault(word, set()).add(node.key)
    return frozenset(word for word, found in keys.items() if len(found) > 1)


@cache
def _division_name(kind: DivisionKind, number: str,
                   ambiguous: frozenset[str] = frozenset()) -> str | None:
    """"le chapitre VII", "la première partie", "la partie législative": a division as a
    bill names it, in words the grammar reads back as this very division; None when it
    cannot be named (a heading of no known kind, no number, a number the grammar does
    not read: "chapitre III-1"). A partie that its heading qualifies ("Partie
    réglementaire - Décrets en Conseil d'Etat") is named as the decrees that amend it
    name it, "la partie réglementaire", unless another partie of ``ambiguous`` answers to
    that name too."""
    if kind is DivisionKind.AUTRE or not number.strip():
        return None
    key = division_key(number)
    want = key
    if kind is DivisionKind.PARTIE:
        named = _PART_WORDS.get(key)  # "PARTIE LEGISLATIVE", "Partie Arrêtés"
        word = _part_word(key) if named is None and not key.isdigit() else None
        if word is not None:
            if word in ambiguous:
                return None
            named, want = _PART_WORDS[word], word
        name = (f"la {ordinal_words(int(key), feminine=True)} partie" if key.isdigit()
                else f"la partie {named or number.lower()}")
    else:
        name = Division.new(kind, number).french
    try:
        units = parse_chain(name).units
    except SentenceError:
        return None
    if len(units) != 1 or units[0].kind.division is not kind or units[0].values != (want,) \
            or units[0].until is not None:
        return None
    return name


def _name(division: Division) -> str | None:
    return _division_name(division.kind, division.number, _AMBIGUOUS_PARTS.get())


def _titled(division: Division) -> str | None:
    """A division of no kind or number the grammar reads ("DROITS DE TIMBRE", "III :
    Exonérations", "Annexes") named by its heading, as the laws that amend the code
    général des impôts name such divisions: "la division intitulée : « … »"; None when
    the heading cannot be quoted so (guillemets in it, or it does not read back)."""
    return _titled_name(" ".join(division.heading.split()))


@cache
def _titled_name(heading: str) -> str | None:
    if not heading or any(c in heading for c in "«»“”⟨⟩\n"):
        return None
    name = f"la division intitulée : « {heading} »"
    try:
        units = parse_chain(name).units
    except SentenceError:
        return None
    if len(units) != 1 or units[0].kind is not StepKind.DIVISION \
            or units[0].values != (heading,):
        return None
    return name


def _feminine(division: Division) -> bool:
    """Whether the name of a division takes the feminine: "la section 2", "l'annexe 2",
    and "la division intitulée : « … »" for one named by its heading."""
    return division.kind.feminine if _name(division) is not None else True


def _of(name: str) -> str:
    """"du chapitre II", "de la section 1", "de l'annexe 2"."""
    return "du " + name[3:] if name.startswith("le ") else "de " + name


def _chain_french(chain: tuple[Division, ...], parties: bool) -> str | None:
    """"le chapitre VII du titre II du livre II", innermost first: each division that can
    be named, by kind and number, or else by its heading ("de la division intitulée :
    « … »") when the chain holds a heading that several divisions have (the finder goes
    down through the others), a partie at the top only when
    the code has several ("… du livre Ier de la partie réglementaire"), a partie inside
    another always ("… de la première partie de la partie législative"); None when the
    innermost division itself cannot be named."""
    out = (_name(chain[-1]) or _titled(chain[-1])) if chain else None
    if out is None:
        return None
    # a heading that several divisions have: the divisions above it named by theirs too
    headings = _REPEATED_HEADINGS.get()
    repeated = bool(headings) and any(
        _name(d) is None and _heading_key(d.heading) in headings for d in chain)
    for depth in range(len(chain) - 2, -1, -1):
        division = chain[depth]
        if depth == 0 and division.kind is DivisionKind.PARTIE and not parties:
            continue
        name = _name(division)
        if name is None and repeated:
            name = _titled(division)
        if name is not None:
            out += " " + _of(name)
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _heading_line(division: Division) -> str:
    """The heading of a quoted division: "Chapitre II", "Deuxième partie"."""
    if division.kind is DivisionKind.PARTIE and division.key.isdigit():
        return f"{_capital(ordinal_words(int(division.key), feminine=True))} partie"
    return f"{division.kind.label} {division.number}"


def _quotable(division: Division) -> bool:
    """Whether the reader of quoted text opens this division at its heading line (it
    takes "Annexe II" as text)."""
    return blocks.heading_of(_heading_line(division)) is not None


def _division_id(division: Division) -> tuple[str, str]:
    """What tells a division from its siblings: its kind and number, or its whole heading
    when it has no known kind or no number (two such headings are two divisions)."""
    if _unnumbered(division):
        return division.kind.value, " ".join(division.heading.split())
    return division.kind.value, division.key


def _chain_key(chain: tuple[Division, ...]) -> _Chain:
    return tuple(_division_id(d) for d in chain)


@dataclass
class _Index:
    """A text's divisions and articles by what identifies them across two versions, with
    their place in the document (the index of ``Code.walk``)."""

    nodes: list[tuple[tuple[Division, ...], Node]]
    chains: dict[_Chain, int]  # every division
    articles: dict[_Ident, int]
    ident_at: dict[int, _Ident]
    chain_at: dict[int, _Chain]
    keys: Counter[str]  # article numbers, duplicates counted

    @staticmethod
    def of(code: Code) -> _Index:
        nodes = list(code.walk())
        chains: dict[_Chain, int] = {}
        articles: dict[_Ident, int] = {}
        ident_at: dict[int, _Ident] = {}
        chain_at: dict[int, _Chain] = {}
        keys: Counter[str] = Counter()
        seen: Counter[tuple[_Chain, str]] = Counter()
        twins: Counter[tuple[_Chain, tuple[str, str]]] = Counter()
        ids: dict[int, _Chain] = {}  # id() of a division → its chain
        for index, (parents, node) in enumerate(nodes):
            parent = ids[id(parents[-1])] if parents else ()
            if isinstance(node, Division):
                own = _division_id(node)
                twins[(parent, own)] += 1  # "section-3" and "section-iii" side by side
                count = twins[(parent, own)]
                chain = (*parent, own if count == 1 else (own[0], f"{own[1]}@{count}"))
                ids[id(node)] = chain
                chains.setdefault(chain, index)
                chain_at[index] = chain
                continue
            key = node.key
            seen[(parent, key)] += 1
            ident = (parent, key, seen[(parent, key)])
            articles[ident] = index
            ident_at[index] = ident
            keys[key] += 1
        return _Index(nodes, chains, articles, ident_at, chain_at, keys)


def _top_parties(code: Code) -> int:
    return sum(1 for c in code.children if isinstance(c, Division)
               and c.kind is DivisionKind.PARTIE)


def _holds(division: Division, keys: set[str]) -> bool:
    return any(p.article.key in keys for p in Code(None, (division,)).articles())


def _inside(parents: tuple[Division, ...], division: Division, depth: int) -> bool:
    return len(parents) > depth and parents[depth] is division


def draft(old: Code, new: Code, *, articles: set[str] | None = None) -> Draft:
    """The instructions that turn ``old`` into ``new`` (see the module documentation);
    ``articles`` limits them to these article numbers (any spelling)."""
    token = _AMBIGUOUS_PARTS.set(_ambiguous_parts(old, new))
    repeated = _REPEATED_HEADINGS.set(_repeated_headings(old, new))
    try:
        with paused_gc():
            return _Drafter(old, new, articles).run()
    finally:
        _REPEATED_HEADINGS.reset(repeated)
        _AMBIGUOUS_PARTS.reset(token)


class _Drafter:
    """One draft: the new text walked in order (what is created or modified), then the
    old one (what is repealed); each item knows what the items before it leave."""

    def __init__(self, old: Code, new: Code, only: set[str] | None):
        self.old, self.new = old, new
        self.name = canonical_code_name(new.title or old.title or "code")
        self.wanted = {article_key(x) for x in only} if only is not None else None
        self.parties = max(_top_parties(old), _top_parties(new)) > 1
        self.o, self.n = _Index.of(old), _Index.of(new)
        self.drafts: list[ArticleDraft] = []
        self.reasons: list[str] = []
        self.bills: dict[str, Bill] = {}  # the texts parsed so far (a modified article
        # alone is often the whole draft: its own check and the draft's read the same)
        self.applied: Consolidation | None = None
        # id() of the new text's nodes that the items so far leave in the text
        self.present: set[int] = {id(node) for i, (_, node) in enumerate(self.n.nodes)
                                  if (self.n.chain_at.get(i) in self.o.chains)
                                  or (self.n.ident_at.get(i) in self.o.articles)}
        self.renumbered = self._renumbered()

    def _renumbered(self) -> dict[_Ident, _Ident]:
        """New articles that are old ones renumbered in the same division: the same
        alinéas, under a number that the other version lacks."""
        gone: dict[tuple[_Chain, tuple[str, ...]], list[_Ident]] = {}
        for ident, index in self.o.articles.items():
            node = self.o.nodes[index][1]
            if ident not in self.n.articles and ident[1] not in self.n.keys:
                assert isinstance(node, Article)
                if node.alineas:
                    texts = tuple(a.text for a in node.alineas)
                    gone.setdefault((ident[0], texts), []).append(ident)
        out: dict[_Ident, _Ident] = {}
        for ident, index in self.n.articles.items():
            node = self.n.nodes[index][1]
            if ident in self.o.articles or ident[1] in self.o.keys:
                continue
            assert isinstance(node, Article)
            sources = gone.get((ident[0], tuple(a.text for a in node.alineas)))
            if sources:
                out[ident] = sources.pop(0)
        return out

    def run(self) -> Draft:
        self._walk_new()
        self._walk_old()
        self.drafts.sort(key=lambda d: d.order)
        if not self.drafts:
            problem = self._difference(self.old)
            return Draft(self.name, (), "", problem is None,
                         tuple(self.reasons) + ((problem,) if problem else ()))
        text = write_instructions(self.drafts, self.name)
        problem = self._check(text)
        reasons = tuple(self.reasons) + ((problem,) if problem else ())
        return Draft(self.name, tuple(self.drafts), text, problem is None, reasons,
                     self.applied)

    def parse(self, text: str) -> Bill:
        bill = self.bills.get(text)
        if bill is None:
            bill = self.bills[text] = parse_bill(text)
        return bill

    # -- what the new text has ---------------------------------------------------

    def _walk_new(self) -> None:
        done: set[int] = set()  # id() of nodes written with a division, or left out with it
        for index, (parents, node) in enumerate(self.n.nodes):
            if id(node) in done:
                continue
            if isinstance(node, Division):
                chain = self.n.chain_at[index]
                if chain in self.o.chains:
                    self._retitled(parents, node, self.o.nodes[self.o.chains[chain]][1], index)
                    continue
                if self.wanted is not None and not _holds(node, self.wanted):
                    done.update(id(n) for _, n in Code(None, (node,)).walk())
                    continue
                made, held = self._created_division(parents, node)
                if isinstance(made, str):  # nothing in it can be written either
                    done.update(id(n) for _, n in Code(None, (node,)).walk())
                self._add(made, index, held)
                done.update(id(n) for n in held)
                continue
            if self.wanted is not None and node.key not in self.wanted:
                continue
            ident = self.n.ident_at[index]
            if ident in self.o.articles:
                old = self.o.nodes[self.o.articles[ident]][1]
                assert isinstance(old, Article)
                if not same_alineas(old.alineas, node.alineas):
                    self.drafts.append(dataclasses.replace(
                        _modified(old, node, self.name, self.parse), order=index))
                continue
            number = article_bill_form(node.num)
            source = self.renumbered.get(ident)
            if source is not None:
                old = self.o.nodes[self.o.articles[source]][1]
                assert isinstance(old, Article)
                before = article_bill_form(old.num)
                self.drafts.append(ArticleDraft(number, (Change(
                    f"L'article {before} devient l'article {number}",
                    f"L'article {before} du {self.name} devient l'article {number}",
                    kind="renumber"),), kind="renumbered", order=index))
                self.present.add(id(node))
                continue
            lines = _article_lines(number, [a.text for a in node.alineas])
            # a number that is words ("Annexe 4", "TABLEAU 34": annexes stored as
            # articles) is no number the lead of an insertion reads: "un article ainsi
            # rédigé", the number given by the quoted « Art. Annexe 4. – … »
            what = "un article" if _words_number(node.num) else f"un article {number}"
            self._add(self._insertion(parents, node, number, what, "ainsi rédigé :", lines,
                                      node), index, [node])

    def _add(self, made: ArticleDraft | str, index: int, nodes: Iterable[Node]) -> None:
        if isinstance(made, str):
            self.reasons.append(made)
            return
        self.drafts.append(dataclasses.replace(made, order=index))
        self.present.update(id(node) for node in nodes)

    def _retitled(self, parents: tuple[Division, ...], new: Division, old: Node,
                  index: int) -> None:
        """A division both versions have, whose title changed: its heading rewritten."""
        assert isinstance(old, Division)
        if self.wanted is not None or same_text(old.title or "", new.title or ""):
            return
        # a division named by its heading has no intitulé apart from it to rewrite
        where = _chain_french((*parents, new), self.parties) if _name(new) else None
        if where is None or not new.title:
            self.reasons.append(f"« {_short(new.heading)} » : intitulé changé, que les "
                                "instructions ne savent pas écrire (division sans type, "
                                "sans numéro lisible ou sans intitulé)")
            return
        lead = f"L'intitulé {_of(where)}"
        self.drafts.append(ArticleDraft(where, (Change(
            f"{lead} est ainsi rédigé :", f"{lead} du {self.name} est ainsi rédigé :",
            _block([new.title]), kind="retitle"),), kind="modified", order=index))

    def _created_division(self, parents: tuple[Division, ...], division: Division
                          ) -> tuple[ArticleDraft | str, list[Node]]:
        """A division the old text lacks, with what of it one quoted block can hold (the
        rest is inserted next, each part in its place), and the nodes it holds."""
        if _name(division) is None or not _quotable(division):
            # (a heading the reader of quoted text takes as text, "Annexe II": quoted
            # alone as an intitulé, which the engine reads as a base's reader does)
            titled = _titled(division)
            if titled is None:
                return (f"« {_short(division.heading)} » : division sans type connu ou sans "
                        "numéro lisible (ou du nom d'une autre), qu'aucune instruction ne "
                        "peut nommer : non rédigée",
                        [])
            # "il est inséré une division et un intitulé ainsi rédigés : « … »": the
            # heading alone; what it holds is inserted next, each part in its place
            # (quoted as written: "3  Evaluation …", two spaces, is the division "3")
            return self._insertion(parents, division, titled, "une division et un intitulé",
                                   "ainsi rédigés :", [_one_line(division.heading.strip())],
                                   dataclasses.replace(division, children=())), [division]
        lines, held = _quoted_division(division)
        kind = division.kind
        if kind is DivisionKind.PARTIE and division.key.isdigit():
            what = "une partie"  # "une deuxième partie" is no noun the grammar reads
        elif kind is DivisionKind.PARTIE and _name(division):
            what = "une " + (_name(division) or "")[3:]  # "une partie
            # législative" (LEGI writes "PARTIE LEGISLATIVE")
        else:
            what = f"{'une' if kind.feminine else 'un'} {kind.value} {division.number}"
        written = f"ainsi rédigé{'e' if kind.feminine else ''} :"
        pruned = _pruned(division, {id(n) for n in held})
        return self._insertion(parents, division, _name(division) or "", what, written, lines,
                               pruned), held

    def _insertion(self, parents: tuple[Division, ...], node: Node, number: str, what: str,
                   written: str, lines: list[str], quoted: Node) -> ArticleDraft | str:
        """Insert ``node`` next to a sibling the text already has: after the article
        before it or before the one after it, else after or before a division, else at
        the end of its parent."""
        block = _block(lines)
        problem = (_heading_reads_back(lines[0], quoted) if what == "une division et un intitulé"
                   else _reads_back(block, quoted))
        if problem is not None:
            self.reasons.append(problem)
        siblings = parents[-1].children if parents else self.new.children
        at = next(i for i, s in enumerate(siblings) if s is node)
        before = next((s for s in reversed(siblings[:at]) if id(s) in self.present), None)
        after = next((s for s in siblings[at + 1:] if id(s) in self.present), None)
        noun = "article" if isinstance(node, Article) else "division"
        label = self._describe(node)
        anchors = [("Après", before), ("Avant", after)]
        for want_article in (True, False):
            for word, anchor in anchors:
                if anchor is None or isinstance(anchor, Article) is not want_article:
                    continue
                where = self._anchor(parents, anchor)
                if where is None:
                    continue
                return ArticleDraft(number, (Change(
                    f"{word} {where}, il est inséré {what} {written}",
                    f"{word} {where} du {self.name}, il est inséré {what} {written}",
                    block, kind=f"insert_{noun}"),), kind="created")
        if after is not None:
            return (f"{label} : aucun voisin que les instructions puissent nommer "
                    f"({self._describe(after)} le suit) : non rédigé")
        if not parents:
            return ArticleDraft(number, (Change(
                f"Il est ajouté {what} {written}",
                f"Le {self.name} est complété par {what} {written}", block,
                kind="complete" if noun == "article" else "complete_division"),),
                kind="created")
        holder = _chain_french(parents, self.parties)
        if holder is None:
            return (f"{label} : « {_short(parents[-1].heading)} », où il s'insère, est "
                    "une division sans type connu ou sans numéro lisible, qu'aucune "
                    "instruction ne peut nommer : non rédigé")
        done = "complétée" if _feminine(parents[-1]) else "complété"
        head = _capital(holder)
        return ArticleDraft(number, (Change(
            f"{head} est {done} par {what} {written}",
            f"{head} du {self.name} est {done} par {what} {written}", block,
            kind="complete" if noun == "article" else "complete_division"),), kind="created")

    def _anchor(self, parents: tuple[Division, ...], node: Node) -> str | None:
        """How to name a sibling next to which something is inserted: an article by its
        number when no other has it, a division by its chain."""
        if isinstance(node, Article):
            if self.o.keys[node.key] > 1 or self.n.keys[node.key] > 1:
                return None
            return f"l'article {article_bill_form(node.num)}"
        return _chain_french((*parents, node), self.parties)

    def _describe(self, node: Node) -> str:
        if isinstance(node, Article):
            return f"l'article {article_bill_form(node.num)}"
        return f"« {_short(node.heading)} »"

    # -- what the old text had ----------------------------------------------------

    def _walk_old(self) -> None:
        """Repeals, each just after what preceded it and is still there; an article the
        new text has elsewhere (moved) is repealed first, before it is written again."""
        sources = set(self.renumbered.values())
        last = -1.0
        skip: tuple[Division, int] | None = None
        for index, (parents, node) in enumerate(self.o.nodes):
            if skip is not None:
                if _inside(parents, *skip):
                    continue
                skip = None
            if isinstance(node, Division):
                chain = self.o.chain_at[index]
                if chain in self.n.chains:
                    last = self.n.chains[chain]
                    continue
                skip = (node, len(parents))
                if self.wanted is not None and not _holds(node, self.wanted):
                    continue
                moved = any(p.article.key in self.n.keys
                            for p in Code(None, (node,)).articles())
                where = _chain_french((*parents, node), self.parties)
                if where is None:
                    self.reasons.append(
                        f"« {_short(node.heading)} » : division sans type connu ou sans "
                        "numéro lisible (ou du nom d'une autre), qu'aucune instruction ne "
                        "peut nommer : son "
                        "abrogation n'est pas rédigée")
                    continue
                head = _capital(where)
                ending = "e" if _feminine(node) else ""
                self.drafts.append(ArticleDraft(where, (Change(
                    f"{head} est abrogé{ending}", f"{head} du {self.name} est abrogé{ending}",
                    kind="repeal_division"),), kind="repealed",
                    order=-1.0 if moved else last + 0.5))
                continue
            ident = self.o.ident_at[index]
            if ident in self.n.articles:
                last = self.n.articles[ident]
                continue
            if ident in sources or (self.wanted is not None and node.key not in self.wanted):
                continue
            number = article_bill_form(node.num)
            self.drafts.append(ArticleDraft(number, (Change(
                f"L'article {number} est abrogé", f"L'article {number} du {self.name} est abrogé",
                kind="repeal"),), kind="repealed",
                order=-1.0 if node.key in self.n.keys else last + 0.5))

    # -- the check ----------------------------------------------------------------

    def _check(self, text: str) -> str | None:
        """None when the instructions, parsed and applied to the old text, give the new
        one exactly — every division (kind, number, title) and article (number,
        alinéas) in its place and order; else what went wrong."""
        bill = self.parse(text)
        if bill.unrecognized:
            first = bill.unrecognized[0]
            return f"instruction non comprise : {first.reason} (« {_short(first.source.text)} »)"
        result = self.applied = consolidate(self.old, bill)
        if not result.complete:
            errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
            shown = errors[0].message if errors else "consolidation incomplète"
            return f"les instructions ne s'appliquent pas : {shown}"
        return self._difference(result.code)

    def _difference(self, got: Code) -> str | None:
        if self.wanted is None:
            found = _difference(got.children, self.new.children)
        else:
            found = _difference_on(got, self.new, self.wanted)
        if found is None:
            return None
        return f"appliquées au texte ancien, les instructions ne donnent pas le nouveau : {found}"


def _rank(division: Division) -> int:
    """Divisions nest by kind when quoted: a heading closes the open divisions of its
    rank or a lower one (``formats.blocks``)."""
    return list(DivisionKind).index(division.kind)


def _quoted_division(division: Division) -> tuple[list[str], list[Node]]:
    """The lines that quote a division, and the nodes they hold: what the reader of
    quoted text puts back in its place. Left out (and inserted by later items): a
    division of no known kind or no number, one whose heading the reader would nest
    elsewhere (a partie inside a partie, a livre inside a partie inside a livre), an
    article after a sub-division of its parent (it would fall into that sub-division),
    and what they hold."""
    lines = [_heading_line(division)] + ([_one_line(division.title)] if division.title else [])
    held: list[Node] = [division]
    ids = {id(division)}
    stack: list[Division] = [division]  # the divisions the reader has open
    for parents, node in Code(None, division.children).walk():
        parent = parents[-1] if parents else division
        if id(parent) not in ids:
            continue
        if isinstance(node, Article):
            if stack[-1] is not parent:
                continue
            lines.extend(_article_lines(article_bill_form(node.num),
                                        [a.text for a in node.alineas]))
        else:
            if _unnumbered(node) or not _quotable(node):
                continue
            depth = len(stack)
            while depth > 0 and _rank(stack[depth - 1]) >= _rank(node):
                depth -= 1
            if depth == 0 or stack[depth - 1] is not parent:
                continue
            del stack[depth:]
            stack.append(node)
            lines.append(_heading_line(node))
            if node.title:
                lines.append(_one_line(node.title))
        held.append(node)
        ids.add(id(node))
    return lines, held


def _words_number(num: str) -> bool:
    """An article number that begins with a word ("Annexe 4", "TABLEAU 34", "Rubrique
    0"), not with a number or its prefix ("L. 12", "*49", "préliminaire")."""
    return ArticleNumber.parse(num) is None and re.match(r"[^\W\d_]{3,}", num) is not None


def _pruned(division: Division, held: set[int]) -> Division:
    return dataclasses.replace(division, children=tuple(
        _pruned(c, held) if isinstance(c, Division) else c
        for c in division.children if id(c) in held))


def _modified(old: Article, new: Article, name: str,
              parse: Callable[[str], Bill] = parse_bill) -> ArticleDraft:
    """An article both versions have, changed: at the finest level that gives it back."""
    number = article_bill_form(new.num)
    pairs = _aligned(old, new)
    for level in (DraftLevel.WORDS, DraftLevel.ALINEAS):
        items = _draft_modified(old, new, name, level, pairs)
        if _reproduces(old, new, items, name, parse):
            return ArticleDraft(number, tuple(items), level)
    return ArticleDraft(number, tuple(_draft_modified(old, new, name, DraftLevel.ARTICLE)),
                        DraftLevel.ARTICLE)


def _short(text: str, size: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"


def _heading_reads_back(line: str, node: Node) -> str | None:
    """What the engine would read differently in the heading of a division inserted as
    "une division et un intitulé" (None: nothing): it reads it as a base's reader does."""
    assert isinstance(node, Division)
    read = parse_heading(line) or Division(DivisionKind.AUTRE, "", line.strip() or None, line)
    if _same_node(read, node):
        return None
    return (f"« {_short(node.heading)} » : l'intitulé cité se relit autrement "
            f"({_describe(read)})")


def _reads_back(block: tuple[str, ...], node: Node) -> str | None:
    """What the engine would read differently in this quoted block (None: nothing): a
    line taken for a shuttle marker ("3° (Supprimé)") or a heading ("Sous-section 2"),
    guillemets that do not balance, "no 12" read as "n° 12"…"""
    bill = read_bill("Article 1er\nIl est ajouté ce qui suit :\n"
                     + "\n".join(_end_block(block, True)) + "\n")
    items = bill.articles[0].items if bill.articles else ()
    quote = items[0].quote if items else None
    what = (f"l'article {article_bill_form(node.num)}" if isinstance(node, Article)
            else f"« {_short(node.heading)} »")
    if quote is None or not quote.closed or len(items) != 1:
        return (f"{what} : le texte cité ne se relit pas d'un bloc (des guillemets « » "
                "qui ne s'équilibrent pas)")
    if quote.markers:
        return (f"{what} : la ligne « {_short(quote.markers[0])} » se relit comme une "
                "mention de la navette, non comme du texte")
    try:
        code = blocks.read("\n".join(quote.alineas), Path("<texte cité>"), [])
    except InputError as e:
        return f"{what} : le texte cité ne se relit pas ({e.diagnostic.message})"
    found = _difference(code.children, (node,))
    return None if found is None else f"{what} : le texte cité se relit autrement ({found})"


def _reproduces(old: Article, new: Article, items: list[Change], name: str,
                parse: Callable[[str], Bill] = parse_bill) -> bool:
    """Whether these instructions turn the article ``old`` into ``new``, exactly."""
    text = write_instructions([ArticleDraft(article_bill_form(new.num), tuple(items))], name)
    bill = parse(text)
    if bill.unrecognized:
        return False
    result = consolidate(Code(name, (old,)), bill)
    if not result.complete:
        return False
    after = result.code.find_articles(new.num)
    return len(after) == 1 and same_alineas(after[0].article.alineas, new.alineas)


# ---------------------------------------------------------------------------
# Comparing two texts: the whole structure, in order


def _unnumbered(division: Division) -> bool:
    return division.kind is DivisionKind.AUTRE or not division.number.strip()


def _same_node(a: Node, b: Node) -> bool:
    if isinstance(a, Article):
        return isinstance(b, Article) and a.key == b.key and same_alineas(a.alineas, b.alineas)
    if not isinstance(b, Division) or a.kind is not b.kind:
        return False
    if _unnumbered(a) or _unnumbered(b):
        # the heading, and what a reader reads in it: "3  Evaluation …" is the division
        # "3" titled "Evaluation …", "3 Evaluation …" a heading of no number
        return _unnumbered(a) and _unnumbered(b) and same_text(a.heading, b.heading) \
            and a.key == b.key and same_text(a.title or "", b.title or "")
    return a.key == b.key and same_text(a.title or "", b.title or "")


def _describe(node: Node) -> str:
    if isinstance(node, Article):
        return f"l'article {article_bill_form(node.num)}"
    if _unnumbered(node):
        return f"« {_short(node.heading, 60)} »"
    title = f" « {_short(node.title, 60)} »" if node.title else ""
    return f"{node.kind.value} {node.number}{title}"


def structure_difference(got: Code, want: Code) -> str | None:
    """The first difference between two texts, in French, or None when ``got`` is
    ``want`` exactly: every division (kind, number, title) and every article (number,
    alinéas as :func:`same_alineas` compares them) in the same place, in the same
    order, duplicates included. What ``Draft.checked`` requires.

    >>> a = Code("Code", (Division.new(DivisionKind.CHAPITRE, "Ier", children=(
    ...     Article("L1", (Alinea("Un."),)),)), Article("L2", (Alinea("Deux."),))))
    >>> b = Code("Code", (Division.new(DivisionKind.CHAPITRE, "Ier", children=(
    ...     Article("L1", (Alinea("Un."),)), Article("L2", (Alinea("Deux."),)))),))
    >>> structure_difference(a, a) is None
    True
    >>> structure_difference(a, b)
    "l'article L. 2 : attendu dans chapitre Ier, obtenu à la racine"
    """
    return _difference(got.children, want.children)


def _difference(got: tuple[Node, ...], want: tuple[Node, ...]) -> str | None:
    a = list(Code(None, got).walk())
    b = list(Code(None, want).walk())
    for (pa, x), (pb, y) in zip(a, b, strict=False):
        if len(pa) == len(pb) and _same_node(x, y):
            continue
        where = _where(pb)
        if len(pa) != len(pb) and _same_node(x, y):
            return f"{_describe(y)} : attendu {_in(pb)}, obtenu {_in(pa)}"
        if isinstance(x, Article) and isinstance(y, Article) and x.key == y.key \
                and len(pa) == len(pb):
            return f"{where} : {_describe(y)} : {_alineas_difference(x, y)}"
        return f"{where} : {_describe(y)} attendu, {_describe(x)} obtenu"
    if len(a) > len(b):
        parents, extra = a[len(b)]
        return f"{_where(parents)} : {_describe(extra)} en trop"
    if len(b) > len(a):
        parents, lacking = b[len(a)]
        return f"{_where(parents)} : {_describe(lacking)} manque"
    return None


def _where(chain: tuple[Division, ...]) -> str:
    return " > ".join(_describe(d) for d in chain) or "à la racine"


def _in(chain: tuple[Division, ...]) -> str:
    return f"dans {_where(chain)}" if chain else "à la racine"


def _alineas_difference(got: Article, want: Article) -> str:
    if len(got.alineas) != len(want.alineas):
        return f"{len(got.alineas)} alinéas au lieu de {len(want.alineas)}"
    for n, (x, y) in enumerate(zip(got.alineas, want.alineas, strict=True), 1):
        if not same_text(visible(x.text, x.markup), visible(y.text, y.markup)):
            return (f"alinéa {n} : « {_short(visible(x.text, x.markup))} » au lieu de "
                    f"« {_short(visible(y.text, y.markup))} »")
    return "alinéas différents"


def _difference_on(got: Code, want: Code, keys: set[str]) -> str | None:
    """The first difference in the articles of these numbers only: each in its division,
    with its alinéas."""
    def places(code: Code) -> dict[str, list[tuple[_Chain, Article]]]:
        out: dict[str, list[tuple[_Chain, Article]]] = {}
        for path in code.articles():
            if path.article.key in keys:
                out.setdefault(path.article.key, []).append(
                    (_chain_key(path.divisions), path.article))
        return out
    a, b = places(got), places(want)
    for key in sorted(keys):
        x, y = a.get(key, []), b.get(key, [])
        if [c for c, _ in x] != [c for c, _ in y]:
            return f"l'article {article_bill_form(key)} n'est pas à sa place, ou manque"
        for (_, p), (_, q) in zip(x, y, strict=True):
            if not same_alineas(p.alineas, q.alineas):
                return f"{_describe(q)} : {_alineas_difference(p, q)}"
    return None


def same_alineas(a: Sequence[Alinea], b: Sequence[Alinea]) -> bool:
    """The same alinéas in the same order, each with the same words and punctuation once
    typography and runs of spaces are set aside (docs/drafting.md: what "exact" means)."""
    return len(a) == len(b) and all(
        same_text(visible(x.text, x.markup), visible(y.text, y.markup))
        for x, y in zip(a, b, strict=True))


# ---------------------------------------------------------------------------
# Writing


def write_instructions(drafts: list[ArticleDraft], code_name: str) -> str:
    """The instructions as the article of a bill: one sentence for a single change; one
    chapeau per article, under a chapeau for the code when several articles change."""
    lines = ["Article 1er"]
    entries: list[tuple[str, str, tuple[str, ...], list[Change]]] = []
    for d in drafts:
        if len(d.items) == 1:
            item = d.items[0]
            entries.append((item.full, _relative_to_code(item, code_name), item.block, []))
        else:
            entries.append((f"L'article {d.number} du {code_name} est ainsi modifié :",
                            f"L'article {d.number} est ainsi modifié :", (), list(d.items)))
    if len(entries) == 1:
        full, _, block, items = entries[0]
        lines.append(full if items or block else full + ".")
        lines.extend(block)
        _sub_items(lines, items, "°")
        return "\n".join(lines) + "\n"
    # "Le livre des procédures fiscales", as "du livre des procédures fiscales" below
    lines.append(f"Le {code_name} est ainsi modifié :"
                 if code_name.lower().startswith(("code", "livre")) else
                 f"{code_name[:1].upper()}{code_name[1:]} est ainsi modifié :")
    for n, (_, relative, block, items) in enumerate(entries, 1):
        last = n == len(entries)
        end = "" if items or block else (" ;" if not last else ".")
        lines.append(f"{n}° {relative}{end}")
        if block:
            lines.extend(_end_block(block, last))
        _sub_items(lines, items, ")", last)
    return "\n".join(lines) + "\n"


def _relative_to_code(item: Change, code_name: str) -> str:
    """The full sentence without the code's name (it is in the chapeau)."""
    return item.full.replace(f" du {code_name}", "", 1)


def _sub_items(lines: list[str], items: list[Change], style: str, last_group: bool = True
               ) -> None:
    for k, item in enumerate(items):
        last = k == len(items) - 1
        label = f"{k + 1}°" if style == "°" else f"{chr(ord('a') + k)})" if k < 26 else \
            f"{chr(ord('a') + k // 26 - 1)}{chr(ord('a') + k % 26)})"
        end = "" if item.block else (" ;" if not (last and last_group) else ".")
        lines.append(f"{label} {item.relative}{end}")
        if item.block:
            lines.extend(_end_block(item.block, last and last_group))


def _end_block(block: tuple[str, ...], last: bool) -> list[str]:
    out = list(block)
    out[-1] = out[-1] + (" ;" if not last else ".")
    return out
