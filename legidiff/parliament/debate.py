"""Reading a Senate debate transcript (compte rendu intégral).

From the verbatim record: the bill articles shown in full ("Article 9" and its lines),
every amendment ("L'amendement n° 55, présenté par …, est ainsi libellé :" and its text;
"Je suis saisi de deux amendements identiques." and the "L'amendement n° 26 est présenté
par …" lines), the opinions stated in the standard forms ("L'avis est défavorable", "La
commission demande le retrait"), and the votes ("(L'amendement n'est pas adopté.)",
"(Les amendements ne sont pas adoptés.)", "(L'article 8 est adopté.)", "– (Adopté.)").

An extract may lack any line: what it does not show is ``unknown`` — a fate, an opinion,
the article an amendment is on — never inferred. The article of an amendment is the one
whose heading precedes it, or, for amendments read before any heading, the article put
to the vote next ("Je mets aux voix l'article 8.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from legidiff.bill.text import BillText, read_bill
from legidiff.diagnostics import Diagnostic, Location, Severity
from legidiff.lang.text import counted


class Fate(Enum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    FALLEN = "fallen"  # "devenu sans objet"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Opinion:
    by: str  # "commission" or "gouvernement"
    value: str  # "défavorable", "favorable", "retrait", "sagesse"
    text: str  # the sentence that states it
    line: int


@dataclass(frozen=True, slots=True)
class Amendment:
    number: str  # "55", "COM-106", "63 rect."
    authors: str
    group: str | None  # "groupe Écologiste - Solidarité et Territoires"
    article: str | None  # the bill article it is on ("8"); None when the extract lacks it
    lines: tuple[tuple[str, int], ...]  # its text, line by line, with line numbers
    line: int  # where it is presented
    identical: tuple[str, ...] = ()  # the numbers of the amendments identical to it
    opinions: tuple[Opinion, ...] = ()
    fate: Fate = Fate.UNKNOWN
    fate_line: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(text for text, _ in self.lines)

    def to_json(self) -> dict[str, object]:
        return {"number": self.number, "authors": self.authors, "group": self.group,
                "article": self.article, "text": self.text, "line": self.line,
                "identical": list(self.identical),
                "opinions": [{"by": o.by, "value": o.value, "text": o.text, "line": o.line}
                             for o in self.opinions],
                "fate": self.fate.value, "fate_line": self.fate_line}


@dataclass(frozen=True, slots=True)
class DebateArticle:
    number: str
    lines: tuple[tuple[str, int], ...]  # its text as shown (empty when not shown)
    fate: Fate = Fate.UNKNOWN
    fate_line: int | None = None

    @property
    def shown(self) -> bool:
        return bool(self.lines)

    def to_json(self) -> dict[str, object]:
        return {"number": self.number, "shown": self.shown,
                "text": "\n".join(t for t, _ in self.lines),
                "line": self.lines[0][1] if self.lines else None,
                "fate": self.fate.value, "fate_line": self.fate_line}


@dataclass(frozen=True, slots=True)
class Debate:
    articles: tuple[DebateArticle, ...]
    amendments: tuple[Amendment, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    path: str = "<compte rendu>"

    def article(self, number: str) -> DebateArticle | None:
        return next((a for a in self.articles if a.number == number), None)

    def amendment(self, number: str) -> Amendment | None:
        return next((a for a in self.amendments if a.number == number), None)

    def bill_text(self, title: str | None = None) -> str:
        """The bill articles shown in full, as the text of a bill."""
        lines: list[str] = [title or "Projet de loi (articles du compte rendu)"]
        for article in self.articles:
            if article.shown:
                lines.append(f"Article {article.number}")
                lines.extend(t for t, _ in article.lines)
        return "\n".join(lines) + "\n"

    def bill(self, title: str | None = None) -> BillText:
        """The bill articles shown in full, read as a bill (alinéas as amendments count
        them)."""
        return read_bill(self.bill_text(title), path=self.path)

    def to_json(self) -> dict[str, object]:
        return {"format": "legidiff-debate", "version": 1, "path": self.path,
                "articles": [a.to_json() for a in self.articles],
                "amendments": [a.to_json() for a in self.amendments],
                "diagnostics": [d.to_json() for d in self.diagnostics]}


# ---------------------------------------------------------------------------

_A = r"L['’]"
_NUM = r"n[°o]s?\s*(?P<num>(?:COM-)?\d+(?:\s+rect\.(?:\s+(?:bis|ter|quater))?)?)"
_SPEAKER_RE = re.compile(
    r"^(?P<who>(?:M\.|Mme|Mlle|MM\.|Mmes)\s+[^.]+?)(?:,\s*(?P<role>[^.]+?))?\.\s+(?P<said>.*)$")
_HEADING_RE = re.compile(r"^Article\s+(?P<num>(?:\d+|premier|1er)(?:\s+(?:bis|ter|quater|"
                         r"quinquies|sexies|septies|[A-Z]))*)\b(?P<rest>.*)$")
_PRESENTED_RE = re.compile(
    rf"^{_A}amendement\s+{_NUM},?\s+présenté\s+par\s+(?P<authors>.+?),\s+est\s+ainsi\s+libellé\s*:")
_IDENTICAL_ONE_RE = re.compile(
    rf"^{_A}amendement\s+{_NUM}\s+est\s+présenté\s+par\s+(?P<authors>.+?)\.?$")
_IDENTICAL_TEXT_RE = re.compile(r"^Ces\s+\w+\s+amendements\s+sont\s+ainsi\s+libellés\s*:")
_IDENTICAL_NEWS_RE = re.compile(r"saisi\s+de\s+\w+\s+amendements\s+identiques")
_GROUP_RE = re.compile(r"\bmembres\s+du\s+(?P<group>groupe\s+.+?)$")
_FLOOR_RE = re.compile(r"^La parole est à\b")
_PUT_AMENDMENTS_RE = re.compile(r"Je mets aux voix (?:l['’]amendement|les amendements[^n]*?)"
                                r"(?<!\s)\s+n[°o]s?\s*(?P<nums>[\w\s,.-]+?)\.?$")
_PUT_ARTICLE_RE = re.compile(r"Je mets aux voix l['’]article\s+(?P<num>\d+(?:\s+\w+)?)\s*\.?$")
_VOTE_RE = re.compile(r"^\((?P<what>L['’]amendement|Les amendements|L['’]article(?:\s+"
                      r"(?P<num>\d+(?:\s+(?:bis|ter|quater))?))?)\s+(?P<verb>.+?)\.\)$")
_ARTICLE_ADOPTED_RE = re.compile(r"[–-]\s*\(Adopté\.\)\s*$")
_WITHDRAWN_RE = re.compile(r"^(?:\()?L['’]amendement\s+(?:n[°o]\s*(?P<num>[\w-]+)\s+)?est\s+"
                           r"retiré\.?\)?$")
# Opinions, in the forms the record uses
_OPINION_RES = [
    ("retrait", re.compile(r"demande\s+(?:donc\s+)?(?:le|son)\s+retrait|sollicite\s+le\s+"
                           r"retrait|demande\s+(?:aux\s+auteurs\s+)?de\s+(?:bien\s+vouloir\s+)?"
                           r"(?:le\s+)?retirer", re.I)),
    ("sagesse", re.compile(r"\bsagesse\b", re.I)),
    ("défavorable", re.compile(r"\bdéfavorable\b", re.I)),
    ("favorable", re.compile(r"\bfavorable\b", re.I)),
]


def _vote_fate(verb: str) -> Fate | None:
    verb = verb.lower()
    if "sans objet" in verb:
        return Fate.FALLEN
    if "retiré" in verb:
        return Fate.WITHDRAWN
    if re.search(r"\b(?:n['’]est|ne sont)\s+pas\s+adopté", verb):
        return Fate.REJECTED
    if re.search(r"\b(?:est|sont)\s+adopté", verb):
        return Fate.ADOPTED
    return None


def _who(role: str | None, who: str) -> str | None:
    text = f"{who} {role or ''}".lower()
    if "rapporteur" in text or "président de la commission" in text or (
            "présidente de la commission" in text):
        return "commission"
    if "ministre" in text or "secrétaire d" in text:
        return "gouvernement"
    return None


@dataclass
class _Draft:
    """An amendment being read."""

    number: str
    authors: str
    group: str | None
    article: str | None
    line: int
    lines: list[tuple[str, int]] = field(default_factory=list)
    identical: list[str] = field(default_factory=list)
    opinions: list[Opinion] = field(default_factory=list)
    fate: Fate = Fate.UNKNOWN
    fate_line: int | None = None

    def done(self) -> Amendment:
        return Amendment(self.number, self.authors, self.group, self.article,
                         tuple(self.lines), self.line, tuple(self.identical),
                         tuple(self.opinions), self.fate, self.fate_line)


@dataclass
class _ArticleDraft:
    lines: list[tuple[str, int]] = field(default_factory=list)
    fate: Fate = Fate.UNKNOWN
    fate_line: int | None = None


@dataclass
class _State:
    amendments: list[_Draft] = field(default_factory=list)
    articles: dict[str, _ArticleDraft] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    article: str | None = None  # the heading we are under
    current: list[int] = field(default_factory=list)  # amendments under discussion
    pending: list[int] = field(default_factory=list)  # amendments with no article yet
    collecting: int | None = None  # index of the amendment whose text is being read
    group: list[int] = field(default_factory=list)  # identical amendments being presented
    heading_lines: list[tuple[str, int]] | None = None
    put: list[str] = field(default_factory=list)  # numbers put to the vote
    put_article: str | None = None
    speaker: str | None = None  # "commission", "gouvernement" or None: who is speaking

    def article_entry(self, number: str) -> _ArticleDraft:
        if number not in self.articles:
            self.articles[number] = _ArticleDraft()
            self.order.append(number)
        return self.articles[number]


def read_debate(text: str, path: str = "<compte rendu>") -> Debate:
    """Read a debate transcript (see the module documentation)."""
    state = _State()
    diagnostics: list[Diagnostic] = []
    lines = text.replace("\r\n", "\n").split("\n")
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        _line(state, line, n, diagnostics, path)
    _close_heading(state)
    for i in state.pending:
        draft = state.amendments[i]
        diagnostics.append(Diagnostic(
            "LD402", Severity.WARNING, f"amendement n° {draft.number} : l'article qu'il vise "
            "n'apparaît pas dans l'extrait", Location(path, draft.line)))
    amendments = tuple(a.done() for a in state.amendments)
    articles = tuple(DebateArticle(n, tuple(state.articles[n].lines), state.articles[n].fate,
                                   state.articles[n].fate_line) for n in state.order)
    return Debate(articles, amendments, tuple(diagnostics), path)


def _line(state: _State, line: str, n: int, diagnostics: list[Diagnostic], path: str) -> None:
    heading = _HEADING_RE.match(line)
    if heading and not _SPEAKER_RE.match(line):
        _close_heading(state)
        state.collecting = None
        number = " ".join(heading.group("num").split())
        state.article = number
        state.article_entry(number)
        state.heading_lines = []
        rest = heading.group("rest").strip()
        if rest:
            state.heading_lines.append((rest, n))
        return
    speaker = _SPEAKER_RE.match(line)
    vote = _VOTE_RE.match(line)
    if state.heading_lines is not None:
        if speaker is None and vote is None and not _FLOOR_RE.match(line):
            adopted = _ARTICLE_ADOPTED_RE.search(line)
            state.heading_lines.append((line, n))
            if adopted and state.article is not None:
                entry = state.article_entry(state.article)
                entry.fate, entry.fate_line = Fate.ADOPTED, n
            return
        _close_heading(state)
    if state.collecting is not None:
        if speaker is None and vote is None and not _FLOOR_RE.match(line):
            state.amendments[state.collecting].lines.append((line, n))
            return
        _finish_text(state)
    said = speaker.group("said") if speaker else line
    if vote is not None:
        _vote(state, vote, n)
        return
    presented = _PRESENTED_RE.match(said)
    if presented:
        state.group = []
        index = _new_amendment(state, presented.group("num"), presented.group("authors"), n)
        state.current = [index]
        state.collecting = index
        return
    if _IDENTICAL_NEWS_RE.search(said):
        state.group = []
        state.current = []
        return
    one = _IDENTICAL_ONE_RE.match(said)
    if one:
        index = _new_amendment(state, one.group("num"), one.group("authors"), n)
        state.group.append(index)
        state.current = list(state.group)
        return
    if _IDENTICAL_TEXT_RE.match(said) and state.group:
        state.collecting = state.group[0]
        state.group = state.group[1:]
        return
    put = _PUT_AMENDMENTS_RE.search(said)
    if put:
        state.put = re.findall(r"(?:COM-)?\d+(?:\s+rect\.)?", put.group("nums"))
        return
    put_article = _PUT_ARTICLE_RE.search(said)
    if put_article:
        state.put_article = " ".join(put_article.group("num").split())
        _assign_pending(state, state.put_article)
        return
    withdrawn = _WITHDRAWN_RE.match(said)
    if withdrawn:
        targets = ([withdrawn.group("num")] if withdrawn.group("num") else
                   [state.amendments[i].number for i in state.current])
        for amendment in state.amendments:
            if amendment.number in targets:
                amendment.fate, amendment.fate_line = Fate.WITHDRAWN, n
        return
    if speaker is not None:
        state.speaker = _who(speaker.group("role"), speaker.group("who"))
    elif _FLOOR_RE.match(line):
        state.speaker = None
    if state.speaker is not None and state.current:
        _opinion(state, state.speaker, said, n)


def _close_heading(state: _State) -> None:
    if state.heading_lines is not None and state.article is not None:
        entry = state.article_entry(state.article)
        lines = [(_ARTICLE_ADOPTED_RE.sub("", t).rstrip(), k) for t, k in state.heading_lines]
        entry.lines = [(t, k) for t, k in lines if t]
    state.heading_lines = None


def _new_amendment(state: _State, number: str, authors: str, n: int) -> int:
    number = " ".join(number.split())
    group = _GROUP_RE.search(authors)
    state.amendments.append(_Draft(number, authors.strip(),
                                   group.group("group").strip() if group else None,
                                   state.article, n))
    index = len(state.amendments) - 1
    if state.article is None:
        state.pending.append(index)
    return index


def _finish_text(state: _State) -> None:
    """The text of a group of identical amendments is read once: give it to each."""
    if state.collecting is None:
        return
    first = state.amendments[state.collecting]
    members = [state.collecting, *state.group] if state.group else [state.collecting]
    numbers = [state.amendments[i].number for i in members]
    for i in members:
        draft = state.amendments[i]
        draft.lines = list(first.lines)
        if len(members) > 1:
            draft.identical = [x for x in numbers if x != draft.number]
    state.current = members
    state.collecting = None
    state.group = []


def _assign_pending(state: _State, article: str) -> None:
    for i in state.pending:
        state.amendments[i].article = article
    state.pending = []


def _vote(state: _State, vote: re.Match[str], n: int) -> None:
    fate = _vote_fate(vote.group("verb"))
    what = vote.group("what").lower()
    if fate is None:
        return
    if what.startswith(("l'article", "l’article")):
        number = vote.group("num") or state.put_article
        if number is None:
            return
        number = " ".join(number.split())
        _assign_pending(state, number)
        entry = state.article_entry(number)
        entry.fate, entry.fate_line = fate, n
        state.put_article = None
        return
    targets = state.put or [state.amendments[i].number for i in state.current]
    for amendment in state.amendments:
        if amendment.number in targets:
            amendment.fate, amendment.fate_line = fate, n
    state.put = []


def _opinion(state: _State, by: str, said: str, n: int) -> None:
    for value, pattern in _OPINION_RES:
        if pattern.search(said):
            for i in state.current:
                opinions = state.amendments[i].opinions
                if not any(o.by == by for o in opinions):
                    opinions.append(Opinion(by, value, said, n))
            return


_FATE_FR = {Fate.ADOPTED: "adopté", Fate.REJECTED: "rejeté", Fate.WITHDRAWN: "retiré",
            Fate.FALLEN: "tombé (sans objet)", Fate.UNKNOWN: "inconnu (absent de l'extrait)"}


def render_debate(debate: Debate) -> str:
    """The articles and amendments of a transcript, for a terminal."""
    out = ["Articles"]
    for article in debate.articles:
        shown = (f"texte de {counted(len(article.lines), 'ligne')}, l. {article.lines[0][1]}"
                 if article.shown else "texte absent de l'extrait")
        vote = f" (l. {article.fate_line})" if article.fate_line else ""
        out.append(f"  article {article.number} — {shown} — {_FATE_FR[article.fate]}{vote}")
    out.append("")
    out.append("Amendements")
    for a in debate.amendments:
        target = f"article {a.article}" if a.article else "article inconnu"
        same = f" ; identique à n° {', '.join(a.identical)}" if a.identical else ""
        out.append(f"  n° {a.number} ({target}, l. {a.line}) — {a.authors}{same}")
        for opinion in a.opinions:
            out.append(f"    avis {'de la ' if opinion.by == 'commission' else 'du '}"
                       f"{opinion.by} : {opinion.value} (l. {opinion.line})")
        vote = f" (l. {a.fate_line})" if a.fate_line else ""
        out.append(f"    sort : {_FATE_FR[a.fate]}{vote}")
        out.extend(f"    │ {text}" for text, _ in a.lines)
    return "\n".join(out) + "\n"
