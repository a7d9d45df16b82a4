"""Reverse drafting: from two versions of a text to the instructions, in légistique style.

``draft(old, new)`` compares two versions of a base and writes the instructions a drafter
would write (DOMAIN.md §2): the words replaced, inserted or deleted, naming the occurrence
when they repeat ("la deuxième occurrence du mot : « un »"); alinéas rewritten, inserted,
deleted; articles inserted after the article that precedes them, repealed, renumbered;
one chapeau per article ("L'article L. 222-1 est ainsi modifié :") with items 1°, 2° (and
a), b) under a chapeau for the code), a single instruction staying a single sentence;
« » quotations and ordinals in words.

Exactness first: each changed article is drafted at the finest level that the engine
turns back into the new text — words, then whole alinéas, then the whole article — and
the draft of the whole text is applied once more at the end (``Draft.checked``). Items
apply in order, each to the text left by the previous ones, so every locator is counted
on the text as the items before it leave it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from legidiff.apply.consolidate import consolidate
from legidiff.bill.parse import parse_bill
from legidiff.document.model import Alinea, Article, ArticlePath, Code, Division, DivisionKind
from legidiff.lang.codes import canonical_code_name
from legidiff.lang.matching import find_all, same_text
from legidiff.lang.numbering import (
    article_bill_form,
    article_key,
    cardinal_words,
    ordinal_words,
    parse_cardinal,
)
from legidiff.lang.text import visible
from legidiff.perf import paused_gc
from legidiff.render.diffing import Op, Pair, Segment, align, word_diff
from legidiff.render.redline import same_item_label


class DraftLevel(Enum):
    WORDS = "words"  # words and phrases inside alinéas
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
    them) are runs of spaces, which "exact" sets aside (DOMAIN.md §1)."""
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


def _draft_modified(old: Article, new: Article, code_name: str, level: DraftLevel) -> list[Change]:
    number = article_bill_form(new.num)
    old_texts = [a.text for a in old.alineas]
    new_texts = [a.text for a in new.alineas]
    writer = _Writer(number, code_name, list(old_texts), [])
    if level is DraftLevel.ARTICLE:
        return _rewrite_article(number, new_texts, code_name)
    pairs = _deletions_first(align([visible(t, True) for t in old_texts],
                                   [visible(t, True) for t in new_texts],
                                   same_place=same_item_label))
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
    block = list(lines)
    block[0] = f"Art. {number}. – {block[0]}" if block else f"Art. {number}. –"
    return [Change("Cet article est ainsi rédigé :",
                 f"L'article {number} du {code_name} est ainsi rédigé :", _block(block),
                 kind="rewrite")]


# ---------------------------------------------------------------------------
# The whole text


def _created(new_paths: list[ArticlePath], index: int, code_name: str,
             known: set[str], parties: bool) -> Change:
    path = new_paths[index]
    article = path.article
    number = article_bill_form(article.num)
    lines = [a.text for a in article.alineas]
    lines[0:1] = [f"Art. {number}. – {lines[0]}" if lines else f"Art. {number}. –"]
    previous = next((new_paths[k] for k in range(index - 1, -1, -1)
                     if new_paths[k].divisions == path.divisions
                     and new_paths[k].article.key in known), None)
    if previous is not None:
        anchor = article_bill_form(previous.article.num)
        sentence = (f"Après l'article {anchor}, il est inséré un article {number} ainsi "
                    "rédigé :")
        return Change(sentence, f"Après l'article {anchor} du {code_name}, il est inséré un "
                              f"article {number} ainsi rédigé :", _block(lines),
                    kind="insert_article")
    following = next((new_paths[k] for k in range(index + 1, len(new_paths))
                      if new_paths[k].divisions == path.divisions
                      and new_paths[k].article.key in known), None)
    if following is not None:
        anchor = article_bill_form(following.article.num)
        return Change(f"Avant l'article {anchor}, il est inséré un article {number} ainsi "
                    "rédigé :", f"Avant l'article {anchor} du {code_name}, il est inséré un "
                                f"article {number} ainsi rédigé :", _block(lines),
                    kind="insert_article")
    where = _chain_french(path.divisions, parties)
    if not where:  # no division, or parties only: the code is completed
        return Change(f"Il est ajouté un article {number} ainsi rédigé :",
                    f"Le {code_name} est complété par un article {number} ainsi rédigé :",
                    _block(lines), kind="complete")
    head = f"{where[:1].upper()}{where[1:]}"
    done = "complétée" if _feminine(path.divisions, parties) else "complété"
    return Change(f"{head} est {done} par un article {number} ainsi rédigé :",
                f"{head} du {code_name} est {done} par un article {number} ainsi rédigé :",
                _block(lines), kind="complete")


def _named(chain: tuple[Division, ...], parties: bool) -> list[Division]:
    """The divisions a reference names, innermost first: the partie only when the code
    has several, never a heading of no known kind."""
    return [d for d in reversed(chain) if d.kind is not DivisionKind.AUTRE
            and (parties or d.kind is not DivisionKind.PARTIE)]


def _chain_french(chain: tuple[Division, ...], parties: bool = False) -> str:
    """"le chapitre VII du titre II du livre II", innermost first; the partie is named
    only when the code has several ("… du livre Ier de la partie réglementaire")."""
    parts = _named(chain, parties)
    if not parts:
        return ""
    out = parts[0].french
    for d in parts[1:]:
        name = d.french
        out += " du " + name[3:] if name.startswith("le ") else " de " + name
    return out


def _feminine(chain: tuple[Division, ...], parties: bool = False) -> bool:
    """Whether the innermost division named is feminine (the past participle agrees)."""
    parts = _named(chain, parties)
    return bool(parts) and parts[0].kind.feminine


def _division_lines(division: Division) -> list[str]:
    """A division as a bill quotes it: its heading, its title, then what it holds."""
    lines = [f"{division.kind.label} {division.number}"]
    if division.title:
        lines.append(division.title)
    for child in division.children:
        if isinstance(child, Division):
            lines.extend(_division_lines(child))
        else:
            number = article_bill_form(child.num)
            texts = [_one_line(a.text) for a in child.alineas] or [""]
            lines.append(f"Art. {number}. – {texts[0]}".rstrip())
            lines.extend(texts[1:])
    return lines


def draft(old: Code, new: Code, *, articles: set[str] | None = None) -> Draft:
    """The instructions that turn ``old`` into ``new`` (see the module documentation);
    ``articles`` limits them to these article numbers (any spelling)."""
    with paused_gc():
        return _draft(old, new, articles)


def _draft(old: Code, new: Code, only: set[str] | None) -> Draft:
    name = canonical_code_name(new.title or old.title or "code")
    old_paths = {p.article.key: p for p in old.articles()}
    new_paths = list(new.articles())
    new_keys = {p.article.key for p in new_paths}
    wanted = ({article_key(x) for x in only} if only is not None else None)
    drafts: list[ArticleDraft] = []
    known = set(old_paths) & new_keys
    renumbered_from: dict[str, str] = {}
    gone = [k for k in old_paths if k not in new_keys]
    created = [p for p in new_paths if p.article.key not in old_paths]
    texts_gone = {tuple(a.text for a in old_paths[k].article.alineas): k for k in gone}
    for path in created:
        source = texts_gone.get(tuple(a.text for a in path.article.alineas))
        if source is not None and source not in renumbered_from.values():
            renumbered_from[path.article.key] = source
    old_chains, new_chains = _chains(old), _chains(new)
    divisions_done: set[tuple[tuple[str, str], ...]] = set()
    parties = sum(1 for c in new.children if isinstance(c, Division)
                  and c.kind is DivisionKind.PARTIE) > 1
    for index, path in enumerate(new_paths):
        key = path.article.key
        if wanted is not None and key not in wanted:
            continue
        missing = next((k for k in range(1, len(path.divisions) + 1)
                        if _chain_key(path.divisions[:k]) not in old_chains), None)
        if missing is not None and key not in old_paths:
            chain = path.divisions[:missing]
            if _chain_key(chain) not in divisions_done:
                divisions_done.add(_chain_key(chain))
                drafts.append(dataclasses.replace(
                    _created_division(new, chain, name, old_chains, parties), order=index))
            known.add(key)
            continue
        number = article_bill_form(path.article.num)
        if key in renumbered_from:
            before = article_bill_form(old_paths[renumbered_from[key]].article.num)
            drafts.append(ArticleDraft(number, (Change(
                f"L'article {before} devient l'article {number}",
                f"L'article {before} du {name} devient l'article {number}",
                kind="renumber"),), kind="renumbered", order=index))
            known.add(key)
            continue
        if key not in old_paths:
            drafts.append(ArticleDraft(number, (_created(new_paths, index, name, known, parties),),
                                       kind="created", order=index))
            known.add(key)
            continue
        old_article = old_paths[key].article
        if same_alineas(old_article.alineas, path.article.alineas):
            continue
        for level in (DraftLevel.WORDS, DraftLevel.ALINEAS, DraftLevel.ARTICLE):
            items = _draft_modified(old_article, path.article, name, level)
            if level is DraftLevel.ARTICLE or _reproduces(old_article, path.article, items, name):
                drafts.append(ArticleDraft(number, tuple(items), level, order=index))
                break
    repealed_divisions: set[tuple[tuple[str, str], ...]] = set()
    new_index = {p.article.key: i for i, p in enumerate(new_paths)}
    old_order = list(old_paths)

    def repeal_order(key: str) -> float:
        """Just after the article that preceded it and is still there."""
        at = old_order.index(key)
        before = next((new_index[k] for k in reversed(old_order[:at]) if k in new_index), -1)
        return before + 0.5

    for key in gone:
        if key in renumbered_from.values():
            continue
        if wanted is not None and key not in wanted:
            continue
        divisions = old_paths[key].divisions
        vanished = next((k for k in range(1, len(divisions) + 1)
                         if _chain_key(divisions[:k]) not in new_chains), None)
        if vanished is not None:
            chain = divisions[:vanished]
            if _chain_key(chain) not in repealed_divisions:
                repealed_divisions.add(_chain_key(chain))
                where = _chain_french(chain, parties)
                head = f"{where[:1].upper()}{where[1:]}"
                ending = "e" if _feminine(chain, parties) else ""
                drafts.append(ArticleDraft(where, (Change(
                    f"{head} est abrogé{ending}", f"{head} du {name} est abrogé{ending}",
                    kind="repeal_division"),), kind="repealed", order=repeal_order(key)))
            continue
        number = article_bill_form(old_paths[key].article.num)
        drafts.append(ArticleDraft(number, (Change(
            f"L'article {number} est abrogé", f"L'article {number} du {name} est abrogé",
            kind="repeal"),), kind="repealed", order=repeal_order(key)))
    drafts.sort(key=lambda d: d.order)
    text = write_instructions(drafts, name)
    checked = _check(old, new, text, only is not None)
    return Draft(name, tuple(drafts), text, checked)


def _chains(code: Code) -> set[tuple[tuple[str, str], ...]]:
    """Every division of a code (those without articles too), as chains of keys."""
    out: set[tuple[tuple[str, str], ...]] = {()}
    for parents, node in code.walk():
        if isinstance(node, Division):
            out.add(_chain_key((*parents, node)))
    return out


def _chain_key(chain: tuple[Division, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((d.kind.value, d.key) for d in chain)


def _created_division(new: Code, chain: tuple[Division, ...], name: str,
                      old_chains: set[tuple[tuple[str, str], ...]],
                      parties: bool) -> ArticleDraft:
    """A division the old text lacks, with all it holds: after the division before it,
    before the one after it, or at the end of its parent."""
    division = chain[-1]
    parent = chain[:-1]
    siblings = _children_of(new, parent)
    index = next(i for i, d in enumerate(siblings) if d is division)
    feminine = division.kind.feminine
    what = f"{'une' if feminine else 'un'} {division.kind.value} {division.number}"
    written = f"ainsi rédigé{'e' if feminine else ''} :"
    block = _block(_division_lines(division))
    previous = next((d for d in reversed(siblings[:index]) if isinstance(d, Division)
                     and _chain_key((*parent, d)) in old_chains), None)
    if previous is not None:
        where = _chain_french((*parent, previous), parties)
        return ArticleDraft(where, (Change(
            f"Après {where}, il est inséré {what} {written}",
            f"Après {where} du {name}, il est inséré {what} {written}", block,
            kind="insert_division"),), kind="created")
    following = next((d for d in siblings[index + 1:] if isinstance(d, Division)
                      and _chain_key((*parent, d)) in old_chains), None)
    if following is not None:
        where = _chain_french((*parent, following), parties)
        return ArticleDraft(where, (Change(
            f"Avant {where}, il est inséré {what} {written}",
            f"Avant {where} du {name}, il est inséré {what} {written}", block,
            kind="insert_division"),), kind="created")
    named = _chain_french(parent, parties)
    holder = named or f"le {name}"
    done = "complétée" if _feminine(parent, parties) else "complété"
    suffix = f" du {name}" if named else ""
    return ArticleDraft(holder, (Change(
        f"{holder[:1].upper()}{holder[1:]} est {done} par {what} {written}",
        f"{holder[:1].upper()}{holder[1:]}{suffix} est {done} par {what} {written}", block,
        kind="complete_division"),), kind="created")


def _children_of(code: Code, chain: tuple[Division, ...]) -> tuple[Article | Division, ...]:
    return chain[-1].children if chain else code.children


def _reproduces(old: Article, new: Article, items: list[Change], name: str) -> bool:
    """Whether these instructions turn the article ``old`` into ``new``, exactly."""
    text = write_instructions([ArticleDraft(article_bill_form(new.num), tuple(items))], name)
    bill = parse_bill(text)
    if bill.unrecognized:
        return False
    result = consolidate(Code(name, (old,)), bill)
    if not result.complete:
        return False
    after = result.code.find_articles(new.num)
    return len(after) == 1 and same_alineas(after[0].article.alineas, new.alineas)


def _check(old: Code, new: Code, text: str, partial: bool) -> bool:
    bill = parse_bill(text)
    if bill.unrecognized:
        return False
    result = consolidate(old, bill)
    if not result.complete:
        return False
    if partial:
        return True
    if _division_order(result.code) != _division_order(new):
        return False  # a division missing, doubled or elsewhere
    got = {p.article.key: p.article.alineas for p in result.code.articles()}
    want = {p.article.key: p.article.alineas for p in new.articles()}
    return got.keys() == want.keys() and all(same_alineas(got[k], want[k]) for k in want)


def _division_order(code: Code) -> list[tuple[tuple[str, str], ...]]:
    return [_chain_key((*parents, node)) for parents, node in code.walk()
            if isinstance(node, Division)]


def same_alineas(a: Sequence[Alinea], b: Sequence[Alinea]) -> bool:
    """The same alinéas in the same order, each with the same words and punctuation once
    typography and runs of spaces are set aside (DOMAIN.md: what "exact" means)."""
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
    lines.append(f"{code_name[:1].upper()}{code_name[1:]} est ainsi modifié :"
                 if not code_name.lower().startswith("code") else
                 f"Le {code_name} est ainsi modifié :")
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
