"""Reading the text of a bill, a law or a committee text: articles, numbered items,
chapeaux and quoted blocks, before any instruction is parsed.

What a bill looks like (docs/drafting.md §2)::

    Article 11                                  ← "Article 8 (Non modifié)", "Article 1er bis"
    I. – Le livre VIII du code … est ainsi modifié :          ← a chapeau
    1° Au 1° du I de l'article L. 822-2, la référence : « … » est remplacée … ;
    2° Le chapitre II du titre V est complété par un article L. 852-3 ainsi rédigé :
    « Art. L. 852-3. – I. – Dans les conditions …            ← a quoted block: every line
    « V. – (Supprimé) ».                                        opens with «, the last closes
    II. – (Non modifié) Le I est applicable jusqu'au 31 juillet 2025.

Items nest by label level (I. > A. > 1° > a) > tirets); an unlabelled line is a
child of a chapeau (a line ending with ":") or else a sibling of the item before it.
Every line of an article is an alinéa of the bill (amendments count them), quoted lines
included, marker lines ("(Non modifié)") excluded.

Copies of the Journal officiel's PDF write "1o" and "no" for "1°" and "n°"; they are
read as such. ``unwrap=True`` rejoins the lines that the PDF wrapped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from legidiff.diagnostics import Diagnostic, Location, Severity, warning
from legidiff.document.structure import Label, Level, canonical_label, read_labels
from legidiff.lang.vocabulary import ADVERB_PATTERN, MODIFYING_RE
from legidiff.perf import quick_init

_MARKERS = ("Non modifié", "nouveau", "Supprimé", "Conforme", "Supprimés", "Non modifiés",
            "Suppression conforme", "Suppression maintenue", "Pour coordination")
_MARKER_RE = re.compile(r"\((" + "|".join(re.escape(m) for m in _MARKERS) + r")\)"
                        r"|\[(Dispositions? déclarées? non conformes? à la Constitution[^\]]*)\]",
                        re.I)
# "Article 1er", "ARTICLE PREMIER", "Art. 1er", "Article 1 er", "Article liminaire",
# "Article 1er bis AA", "Article 3 (nouveau)", "Article 1er –", "Article 1er :", a note of
# the editor "Article 7 bis  [article 23 du texte définitif]" (La Fabrique de la loi)
_HEADING = (  # runs of spaces possessive (\s*+): linear in any line (found by the fuzzer)
    r"^\ufeff?\s*+(?:Article|ARTICLE|Art\.|ART\.)\s++"
    r"(?P<num>1\s*er\b|1\s*ER\b|premier|PREMIER|Premier|unique|UNIQUE|Unique|liminaire"
    r"|LIMINAIRE|Liminaire|\d{1,6}+(?!\d))"
    rf"(?P<suffix>(?:\s++(?:(?i:{ADVERB_PATTERN})|[A-Z]{{1,3}})\b)*+)"
    r"(?P<markers>(?:\s*+\([^()]*+\)|\s*+\[[^\[\]]*+\])*+)")
_ARTICLE_RE = re.compile(_HEADING + r"\s*+\.?\s*+(?:[–—-]\s*+)?(?::\s*+)?$")
# a law's "Art. 1er. - Le code … est ainsi modifié :" (heading and first line as one)
_INLINE_ARTICLE_RE = re.compile(_HEADING + r"\s*+\.?\s*+[–—-]\s++(?P<rest>\S.*)$")
# a line that looks like an article heading the reader does not understand
_HEADING_LIKE_RE = re.compile(r"^\ufeff?\s*+(?:Article|ARTICLE|Art\.|ART\.)\s++\d\S*+"
                              r"(?:\s++[^\s.:–—-]++){0,3}+\s*+(?:[.:–—-]\s*+)?$")
_ADOPTED_RE = re.compile(r"\s*[–-]\s*\((?:Adopté|Adoptés|Adoptée|Adoptées)\.?\)\s*$")
_TITLE_RE = re.compile(
    r"^(?:LOI|Loi|PROJET DE LOI|Projet de loi|PROPOSITION DE LOI|Proposition de loi|"
    r"ORDONNANCE|Ordonnance|DÉCRET|Décret|ARRÊTÉ|Arrêté|Texte)\b")
_PDF_DEGREE_RE = re.compile(r"(?<![\w°])(\d+)o(?=[\s,;.:)»]|$)")
_PDF_NUMERO_RE = re.compile(r"(?<!\w)no(?=\s*\d)")
# where either applies: an « o » after a digit, or after an « n » opening a word, as those two
# want (``\bn`` is ``(?<!\w)n``). Written to open with the letter: ``re`` then looks for the
# « o » alone before trying the rest (a tenth of the time on a bill's lines)
_PDF_HINT_RE = re.compile(r"o(?:(?<=\do)(?=[\s,;.:)»]|$)|(?<=\bno)(?=\s*\d))")
_BLOCK_INTRO_RE = re.compile(
    r"(?:rédigée?s?|suivante?s?|suit|libellée?s?|ainsi conçue?s?)\s*:\s*$", re.I)


@quick_init
@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted block: the alinéas of new text, without their quotation marks."""

    alineas: tuple[str, ...]
    lines: tuple[int, ...]  # source line of each alinéa
    markers: tuple[str, ...] = ()  # "V. – (Supprimé)": shuttle markers, not text
    closed: bool = True


@quick_init
@dataclass(frozen=True, slots=True)
class BillItem:
    """One numbered item (or unlabelled line) of a bill article: its own sentence, the
    quoted block that follows it, and its sub-items."""

    label: str | None  # "I", "1°", "a"; None for an unlabelled line
    level: Level | None
    text: str  # the sentence, label and markers removed
    line: int
    column: int  # where ``text`` starts (1-based)
    ref: str  # "article 11, I, 2°"
    markers: tuple[str, ...] = ()
    quote: Quote | None = None
    children: tuple[BillItem, ...] = ()

    @property
    def is_chapeau(self) -> bool:
        return self.text.rstrip().endswith(":") and self.quote is None


@quick_init
@dataclass(frozen=True, slots=True)
class BillAlinea:
    """An alinéa of the bill article as amendments count it."""

    number: int
    text: str
    line: int


@quick_init
@dataclass(frozen=True, slots=True)
class BillArticle:
    number: str  # "11", "1er bis"
    heading: str
    line: int
    markers: tuple[str, ...]
    items: tuple[BillItem, ...]
    alineas: tuple[BillAlinea, ...]
    adopted: bool = False  # "– (Adopté.)" ends the article in a debate transcript


@quick_init
@dataclass(frozen=True, slots=True)
class BillText:
    """A bill as read: its title, its articles, what the reader noticed."""

    title: str | None
    articles: tuple[BillArticle, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    path: str = "<texte>"


def normalize_pdf(line: str) -> str:
    """"1o" → "1°" and "no 12" → "n° 12", as the Journal officiel's PDF writes them.

    >>> normalize_pdf("1o Au 1o du I de la loi no 2017-1510")
    '1° Au 1° du I de la loi n° 2017-1510'
    """
    if _PDF_HINT_RE.search(line) is None:
        return line
    return _PDF_NUMERO_RE.sub("n°", _PDF_DEGREE_RE.sub(r"\1°", line))


def unwrap(lines: list[str]) -> list[tuple[str, int]]:
    """Rejoin the lines a PDF wrapped. A line starts a new alinéa when it is an article
    heading; a quoted alinéa after "ainsi rédigé :" or after a quoted alinéa that ended;
    or, outside quotes, a labelled item or any line after a line that ends a sentence
    and is short enough for the next word to have fitted (the column's width is the
    longest line). Everything else continues the line before. Returns the logical
    lines with the number of their first source line."""
    width = max((len(line.rstrip()) for line in lines), default=0)
    out: list[tuple[str, int]] = []
    in_block = False  # inside a quoted block that has not closed yet
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if out and not _starts_alinea(line, out[-1][0], in_block, width):
            out[-1] = (out[-1][0] + " " + line, out[-1][1])
        else:
            out.append((line, number))
        current = out[-1][0]
        in_block = current.startswith("«") and not closes_block(current)
    return out


def _starts_alinea(line: str, previous: str, in_block: bool, width: int) -> bool:
    if _ARTICLE_RE.match(line) or _ARTICLE_RE.match(previous):
        return True
    ends = previous.rstrip().endswith((".", ";", ":", "»", "]")) and not re.search(
        r"\b(?:[A-Z]|art)\.$", previous.rstrip())
    first_word = line.split(" ", 1)[0]
    fitted = len(previous.rstrip()) + 1 + len(first_word) + 10 < width
    if line.startswith("«"):
        if _BLOCK_INTRO_RE.search(previous):
            return True
        if in_block or previous.startswith("«"):
            # a quoted alinéa ends with a sentence or where the next word would have fitted
            return ends or fitted
        return ends and not previous.endswith(":")
    if in_block:
        return False  # every quoted alinéa opens with «: this is a wrapped line
    return ends and (bool(read_labels(line)) or fitted)


def _ends_alinea(line: str) -> bool:
    return line.rstrip().endswith((".", ";", ":", "»", "» ;", "».")) and not line.rstrip(
        ).endswith(("L.", "R.", "D.", "art."))


def closes_block(line: str, opening: str | None = None) -> bool:
    """Whether a quoted line closes its block: it ends with a » that balances the «
    opening the alinéa (inner quotes « … » counted). A block opening with a straight
    quote " (La Fabrique de la loi turned every « » into ") closes with " when the
    line's quotes pair up: the opening one, inner pairs "…", the closing one; “ ” as « ».
    ``opening`` is the mark the block opened with (by default the line's own): a line
    that lost its opening mark closes the block when its closing mark has no opening
    one on the line.

    >>> closes_block('"Un décret précise les conditions de leur transmission." ;')
    True
    >>> closes_block('"Au 1°, les mots : "X"')
    False
    >>> closes_block("la France est partie, le Premier ministre fixe des orientations.»", "«")
    True
    """
    body = _strip_adopted(line).rstrip()
    body = body.rstrip(" \t\u00a0\u202f.;,")
    own = quote_opening(line)
    opening = opening or own or "«"
    lost = 0 if own == opening else 1  # the opening mark is not on this line
    if opening == '"':
        return body.endswith('"') and len(body) > 1 and (body.count('"') + lost) % 2 == 0
    closing = "”" if opening == "“" else "»"
    if not body.endswith(closing):
        return False
    return body.count(_PAIRS[closing]) + lost == body.count(closing)


def _block_closed(lines: list[tuple[str, int]]) -> bool:
    """Whether the quoted block made of ``lines`` has closed on its last line."""
    return closes_block(lines[-1][0], quote_opening(lines[0][0]) or "«")


_PAIRS = {"»": "«", "”": "“"}
_STRAIGHT_OPENINGS = ('"', "“")


def quote_opening(line: str) -> str | None:
    """The quotation mark a quoted alinéa opens with: «, or a straight " or “ (sources
    that lost their « », as La Fabrique de la loi's); None for a line of the bill."""
    text = line.lstrip()
    return text[0] if text[:1] in ("«", *_STRAIGHT_OPENINGS) else None


# a line announcing the text that follows ("ainsi rédigé :", "les mots :", a period
# for a colon: "est ainsi rédigé.")
_ANNOUNCES_RE = re.compile(r":\s*$|(?:rédigée?s?|suivante?s?|comme suit)\s*\.\s*$", re.I)


def _takes_straight_quote(stack: list[_Open], line: str) -> bool:
    """Whether a line opening with a straight quote is quoted text (an alinéa of new
    text) rather than the article's own sentence: it follows an item announcing a text
    ("… ainsi rédigé :") or another straight-quoted alinéa (the block goes on, or a
    second block follows a closed one, as with « »); or, wherever it stands, the line is
    a quotation by its shape: its opening quote is not closed on the line, or closes at
    its very end. A sentence of the article that starts with an inline quotation goes on
    after it (« "Grenelle" désigne … »): that one is read as a sentence."""
    if stack:
        top = stack[-1]
        if top.quote_lines:
            if quote_opening(top.quote_lines[-1][0]) in _STRAIGHT_OPENINGS:
                return True
        elif _ANNOUNCES_RE.search(top.text):
            return True
    text = line.strip()
    if text.startswith('"'):
        unclosed = text.count('"') % 2 == 1
    else:
        unclosed = text.count("“") > text.count("”")
    return unclosed or closes_block(text)


def read_bill(text: str, *, title: str | None = None, unwrap_lines: bool = False,
              path: str = "<texte>") -> BillText:
    """Read a bill or a law: title, articles, items, quoted blocks (see the module
    documentation). Never raises on odd text: what it cannot place is reported."""
    diagnostics: list[Diagnostic] = []
    # accents written as combining characters (NFD, as some copied pages give them) are
    # composed once here, where the text enters: the grammar's words and the code's text
    # are composed. Lines stay where they were; columns count the composed characters.
    text = unicodedata.normalize("NFC", text)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    raw_lines = [normalize_pdf(line) for line in raw_lines]
    if unwrap_lines:
        logical = unwrap(raw_lines)
    else:
        logical = [(line.strip(), n) for n, line in enumerate(raw_lines, start=1) if line.strip()]
    if title is None and logical and _TITLE_RE.match(logical[0][0]) and not _ARTICLE_RE.match(
            logical[0][0]):
        title = logical[0][0]
        logical = logical[1:]
    chunks: list[tuple[tuple[str, int], list[tuple[str, int]]]] = []
    preamble: list[tuple[str, int]] = []
    for line, number in logical:
        heading = _ARTICLE_RE.match(line) is not None
        inline = None if heading else _INLINE_ARTICLE_RE.match(line)
        if inline is not None:
            chunks.append(((line[:inline.start("rest")].rstrip(" -–—"), number),
                           [(inline.group("rest"), number)]))
        elif heading:
            chunks.append(((line, number), []))
        elif chunks:
            if _HEADING_LIKE_RE.match(line):
                diagnostics.append(Diagnostic(
                    "LD212", Severity.ERROR, "titre d'article illisible : les lignes qui "
                    "suivent seraient lues comme la suite de l'article précédent",
                    Location(path, number), line[:80]))
            chunks[-1][1].append((line, number))
        else:
            preamble.append((line, number))
    if not chunks and preamble:
        # A text without "Article" headings: one unnumbered article (an amendment's body,
        # a single provision).
        chunks.append((("", preamble[0][1]), preamble))
    elif preamble:
        if any(MODIFYING_RE.search(line) for line, _ in preamble):
            # instructions before the first heading are never dropped: they are read as
            # an unnumbered article, applied or reported like the others
            chunks.insert(0, (("", preamble[0][1]), preamble))
            diagnostics.append(warning(
                "LD201", "texte avant le premier « Article » : lu comme un article sans "
                "numéro, car il contient des instructions", Location(path, preamble[0][1]),
                preamble[0][0][:80]))
        else:
            diagnostics.append(warning(
                "LD201", "texte avant le premier « Article » : ignoré pour les instructions",
                Location(path, preamble[0][1]), preamble[0][0][:80]))
    articles = tuple(_read_article(head, body, diagnostics, path) for head, body in chunks)
    return BillText(title, articles, tuple(diagnostics), path)


@dataclass
class _Open:
    label: str | None
    level: Level | None
    text: str
    line: int
    column: int
    markers: tuple[str, ...]
    ref: str
    quote_lines: list[tuple[str, int]] = field(default_factory=list)
    children: list[BillItem] = field(default_factory=list)


# a letter or a digit (``str.isalnum``: re's ``\w`` but « _ »)
_ALNUM_RE = re.compile(r"[^\W_]")


def _read_article(head: tuple[str, int], body: list[tuple[str, int]],
                  diagnostics: list[Diagnostic], path: str) -> BillArticle:
    heading, head_line = head
    number = ""
    markers: list[str] = []
    m = _ARTICLE_RE.match(heading)
    if m:
        num = re.sub(r"\s+", "", m.group("num")).lower()
        num = {"premier": "1er", "1er": "1er"}.get(num, num)
        number = num + " ".join(["", *m.group("suffix").split()])
        markers = [x.group(1) or x.group(2) for x in _MARKER_RE.finditer(m.group("markers"))]
    name = f"article {number}" if number else "texte"
    adopted = False
    alineas: list[BillAlinea] = []
    roots: list[BillItem] = []
    stack: list[_Open] = []

    def close_to(level: Level | None) -> None:
        """Close what a label of ``level`` ends (None: everything): deeper or equal items
        and unlabelled lines; an unlabelled chapeau governs every item after it."""
        while stack:
            top = stack[-1]
            if level is not None and top.level is None and _is_chapeau(top):
                return
            if level is not None and top.level is not None and top.level < level:
                return
            _finish(stack.pop())

    def _finish(node: _Open) -> None:
        quote = _quote(node.quote_lines, diagnostics, path) if node.quote_lines else None
        item = BillItem(node.label, node.level, node.text, node.line, node.column, node.ref,
                        node.markers, quote, tuple(node.children))
        (stack[-1].children if stack else roots).append(item)

    for index, (raw, line) in enumerate(body):
        text = raw
        stripped = _strip_adopted(text)
        if stripped != text:
            text = stripped
            adopted = True
        only_marker = _MARKER_RE.fullmatch(text.strip())
        if only_marker and index == 0 and not stack:
            markers.append(only_marker.group(1) or only_marker.group(2))
            continue
        if (stack and stack[-1].quote_lines and quote_opening(text) is None
                and not _block_closed(stack[-1].quote_lines)
                and closes_block(text, quote_opening(stack[-1].quote_lines[0][0]))):
            # the last alinéa of an open block that lost its opening mark: its closing
            # mark, with no opening one on the line, can only close that block
            alineas.append(BillAlinea(len(alineas) + 1, text, line))
            stack[-1].quote_lines.append((text, line))
            continue
        if text.startswith("«") or (text.startswith(_STRAIGHT_OPENINGS)
                                    and _takes_straight_quote(stack, text)):
            alineas.append(BillAlinea(len(alineas) + 1, text, line))
            if stack and (not stack[-1].quote_lines or not _block_closed(
                    stack[-1].quote_lines)):
                stack[-1].quote_lines.append((text, line))
                continue
            if stack and stack[-1].quote_lines and _ANNOUNCES_SEVERAL_RE.search(stack[-1].text):
                # the units an instruction announces, each quoted on its own: « Les articles
                # L. 4622-2 et L. 4622-4 sont ainsi rédigés : "Art. L. 4622-2. - … " "Art. L.
                # 4622-4. - … " » (2011 bill on occupational health), « sont insérés trois
                # alinéas ainsi rédigés : « … » « … » « … » » (Grenelle II bill): one block
                previous, previous_line = stack[-1].quote_lines[-1]
                closing = {"«": "»", '"': '"', "“": "”"}[
                    quote_opening(stack[-1].quote_lines[0][0]) or "«"]
                stack[-1].quote_lines[-1] = (_strip_closing(_strip_adopted(previous).rstrip(),
                                                            closing), previous_line)
                stack[-1].quote_lines.append((text, line))
                continue
            if stack and stack[-1].quote_lines:
                # a second block after a closed one: a new unlabelled item carries it
                parent_ref = stack[-1].ref
                _finish(stack.pop())
                stack.append(_Open(None, None, "", line, 1, (), parent_ref, [(text, line)]))
                continue
            stack.append(_Open(None, None, "", line, 1, (), name, [(text, line)]))
            continue
        if only_marker:
            continue  # "(Supprimé)" alone: not an alinéa, nothing to apply
        if not _ALNUM_RE.search(text):
            continue  # a lone « ; » cut from the line before: no alinéa, nothing to read
        alineas.append(BillAlinea(len(alineas) + 1, text, line))
        labels: list[Label] = []
        item_markers: list[str] = []
        rest = text
        if text[:1] not in _CAPITALS or text[1:2] not in _AFTER_CAPITAL:
            # (« Le … », « L'article … », « À l'article … »: no label of any form opens
            # so, and trying each form on every line was a sixth of the time of reading
            # a bill; ``tests/test_prefilters.py`` checks it)
            labels, item_markers, rest = _line_labels(text, name, line, path, diagnostics)
        column = len(text) - len(rest.lstrip()) + 1
        rest = rest.strip()
        if labels:
            for k, lab in enumerate(labels):
                close_to(lab.level)
                parent_ref = stack[-1].ref if stack else name
                ref = f"{parent_ref}, {lab.text}"
                last = k == len(labels) - 1
                stack.append(_Open(lab.text, lab.level, rest if last else "", line,
                                   column if last else lab.end + 1,
                                   tuple(item_markers) if last else (), ref))
            continue
        # an unlabelled line: a child of the item before it (its chapeau, or the item it
        # continues, as "Le Gouvernement adresse…" continues a II)
        while stack and stack[-1].level is None and not _is_chapeau(stack[-1]):
            _finish(stack.pop())
        parent_ref = stack[-1].ref if stack else name
        stack.append(_Open(None, None, rest, line, column, tuple(item_markers), parent_ref))
    close_to(None)
    return BillArticle(number, heading, head_line, tuple(markers), tuple(roots),
                       tuple(alineas), adopted)


# the first two characters of a line that no label opens with: a capital, then a small
# letter or an apostrophe
_CAPITALS = frozenset(map(chr, [*range(ord("A"), ord("Z") + 1), *range(ord("À"), ord("Ý") + 1)]))
_AFTER_CAPITAL = frozenset(map(chr, [*range(ord("a"), ord("z") + 1),
                                     *range(ord("à"), ord("ÿ") + 1)])) | {"'", "’"}


def _line_labels(text: str, name: str, line: int, path: str, diagnostics: list[Diagnostic]
                 ) -> tuple[list[Label], list[str], str]:
    """The labels a line of an article opens with (in every form a bill writes them),
    the shuttle markers after them, and the rest of the line."""
    labels = read_labels(text)
    body_start = labels[-1].end if labels else 0
    item_markers: list[str] = []
    after = _ADVERB_AFTER_RE.match(text, body_start) if labels else None
    if after is not None and labels[-1].level is Level.SMALL:
        # « a) bis Le troisième alinéa … » for « a bis) »
        labels = [*labels[:-1], Label(Level.SMALL, f"{labels[-1].text} {after.group(1)}",
                                      after.end())]
        body_start = after.end()
    loose = _loose_label(text[body_start:])
    if loose is not None and (not labels or loose[0].level > labels[-1].level):
        # « VIII. – 1. L'article … »: a label in a form of its own after the others
        labels = [*labels, replace(loose[0], end=body_start + loose[0].end)]
        item_markers, body_start = list(loose[1]), body_start + loose[0].end
    inserted = _INSERTION_DOT_RE.match(text, body_start) if labels and \
        labels[-1].level is Level.ARABIC else None
    if inserted is not None:
        # « 1° A. - Après le b de l'article 10-1, … » (2014 housing bill): the Senate's
        # insertion label « 1° A » with a full stop and a dash
        labels = [*labels[:-1], Label(Level.ARABIC, f"{labels[-1].text} "
                                      f"{inserted.group('n')}", inserted.end())]
        body_start = inserted.end()
    slip = _label_slip(text, labels, body_start)
    if slip is not None:
        labels, body_start, said = slip
        diagnostics.append(warning("LD215", f"{name} : faute de frappe corrigée : {said}",
                                   Location(path, line, 1), text[:80]))
    rest = text[body_start:]
    while True:
        mm = _MARKER_RE.match(rest.lstrip())
        if not mm:
            break
        item_markers.append(mm.group(1) or mm.group(2))
        rest = rest.lstrip()[mm.end():]
    return labels, item_markers, rest


_ROMAN_LOOSE_RE = re.compile(
    rf"^(?P<n>[IVXLC]++(?:\s++(?:{ADVERB_PATTERN}))*+(?:\s++[A-Z]{{1,3}})*+)\s*+"
    r"(?P<markers>(?:\([^()]*+\)\s*+)*+)\.?\s*+[–—-]\s*+(?=\S)")
# (« M. » before a name is « Monsieur »)
_LETTER_BARE_RE = re.compile(
    r"^(?:(?P<n>[A-LN-Z])\.\s++(?=[A-ZÀ-Ý«])|(?P<d>[A-Z])\s*+\.\s*+[–—-]\s*+)")
_ARABIC_DOT_RE = re.compile(rf"^(?P<n>\d++(?:\s++(?:{ADVERB_PATTERN}))?)\.\s++(?=[A-ZÀ-Ý«])")
_ADVERB_AFTER_RE = re.compile(rf"({ADVERB_PATTERN})\b\s*(?=[A-ZÀ-Ý])")


# an instruction announcing several units or alinéas: « … sont ainsi rédigés : »,
# « … les deux alinéas suivants : »
_ANNOUNCES_SEVERAL_RE = re.compile(r"(?:rédigé|libellé|suivant)e?s\s*+(?:comme\s++suit\s*+)?:"
                                   r"\s*+$|rédigée?s\s++comme\s++suit\s*+:\s*+$")
# « 1° A. – » : an insertion label with its full stop and dash
_INSERTION_DOT_RE = re.compile(r"\s*+(?<=[°\s])(?P<n>[A-Z]{1,3})\s*+\.\s*+[–—-]\s*+(?=\S)")
# slips of a label whose meaning is certain: « b Sont ajoutés les mots … » (a letter
# without its parenthesis before a capital: no sentence opens so), « a) ) Au premier
# alinéa … », « II. —. Au second alinéa … » (a parenthesis or a full stop doubled)
_BARE_SMALL_RE = re.compile(r"(?P<n>[a-z])\s++(?=[A-ZÀ-Ý])")
_DOUBLED_RE = re.compile(r"\s*+(?P<p>[).])\s++(?=[A-ZÀ-Ý])")
# « 1° BL'intitulé … »: an insertion letter glued to « L' » and a word
_GLUED_INSERTION_RE = re.compile(r"\s*+(?P<n>[A-Z]{1,2})(?=[LD]['’][a-zà-ÿA-ZÀ-Ý])")


def _label_slip(text: str, labels: list[Label], start: int
                ) -> tuple[list[Label], int, str] | None:
    """The labels of a line whose label has a slip of typing (see ``_BARE_SMALL_RE``,
    ``_DOUBLED_RE``), where its body starts and the correction said; None when none."""
    if not labels:
        m = _BARE_SMALL_RE.match(text)
        if m is None:
            return None
        return [Label(Level.SMALL, m.group("n"), m.end())], m.end(), \
            f"« {m.group('n')} » lu « {m.group('n')}) »"
    if labels[-1].level is Level.ARABIC:
        m = _GLUED_INSERTION_RE.match(text, start)
        if m is not None:
            # « 1° BL'intitulé du chapitre Ier est ainsi rédigé » (2013 banking bill):
            # the Senate's insertion letter glued to an elided article, which no word opens
            label = Label(Level.ARABIC, f"{labels[-1].text} {m.group('n')}", m.end("n"))
            return [*labels[:-1], label], m.end("n"), \
                f"« {m.group('n')}{text[m.end('n'):m.end('n') + 2]} » lu « {m.group('n')} " \
                f"{text[m.end('n'):m.end('n') + 2]} »"
    m = _DOUBLED_RE.match(text, start)
    if m is None or not text[:start].rstrip().endswith((")", ".", "–", "—", "-")):
        return None
    return labels, m.end(), f"« {m.group('p')} » en trop après le libellé « " \
                            f"{text[:start].strip()} »"


def _loose_label(text: str) -> tuple[Label, tuple[str, ...]] | None:
    """A label of a bill item written in a form the code layouts do not use, and the
    shuttle markers written inside it: « III (nouveau). – », « VI - », the Senate's
    insertion labels « I AA. – », « I B A. – »; « A. » and « 1. » before a capital
    (« 1. L'article L. 4433-7 … »), « D. – » (a letter, not the roman 500)."""
    m = _ROMAN_LOOSE_RE.match(text)
    if m is not None:
        markers = tuple(x.group(1) or x.group(2) for x in _MARKER_RE.finditer(m.group("markers")))
        if m.group("markers").strip() and len(markers) != m.group("markers").count("("):
            return None  # a parenthesis that is not a marker: not a label
        return Label(Level.ROMAN, canonical_label(m.group("n")), m.end()), markers
    m = _LETTER_BARE_RE.match(text)
    if m is not None:
        return Label(Level.LETTER, m.group("n") or m.group("d"), m.end()), ()
    m = _ARABIC_DOT_RE.match(text)
    if m is not None:
        return Label(Level.ARABIC, canonical_label(m.group("n")), m.end()), ()
    return None


def _is_chapeau(node: _Open) -> bool:
    return node.text.rstrip().endswith(":") and not node.quote_lines


def _strip_adopted(text: str) -> str:
    """The text without a final "– (Adopté.)" (a transcript's vote), in linear time: the
    expression is tried on the text's end only."""
    if "Adopt" not in text[-40:]:
        return text
    tail_start = max(0, len(text.rstrip()) - 40)
    tail = _ADOPTED_RE.sub("", text[tail_start:])
    return (text[:tail_start] + tail).rstrip() if tail != text[tail_start:] else text


def _strip_closing(text: str, closing: str) -> str:
    """The text without its closing quotation mark and what follows it (spaces, ". ; ,"),
    nor the spaces before it — in linear time (a regular expression tried at every
    position of a run of spaces was quadratic: 100 KB took 49 s, found by the fuzzer)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in ".;,"):
        end -= 1
    if not text[:end].endswith(closing):
        return text
    end -= len(closing)
    while end and text[end - 1].isspace():
        end -= 1
    return text[:end]


def _quote(lines: list[tuple[str, int]], diagnostics: list[Diagnostic], path: str) -> Quote:
    alineas: list[str] = []
    numbers: list[int] = []
    markers: list[str] = []
    closed = _block_closed(lines)
    closing = {"«": "»", '"': '"', "“": "”"}[quote_opening(lines[0][0]) or "«"]
    for k, (text, line) in enumerate(lines):
        body = text.lstrip()[1:].lstrip() if quote_opening(text) else text
        if k == len(lines) - 1 and closed:
            body = _strip_closing(_strip_adopted(body).rstrip(), closing)
        if _is_marker_alinea(body):
            markers.append(body)
            continue
        alineas.append(body)
        numbers.append(line)
    if not closed:
        last_text, last_line = lines[-1]
        diagnostics.append(Diagnostic(
            "LD202", Severity.WARNING,
            "guillemet fermant « » » manquant : le texte cité s'arrête à la fin du bloc",
            Location(path, last_line, len(last_text) + 1), last_text[-60:]))
    return Quote(tuple(alineas), tuple(numbers), tuple(markers), closed)


def _is_marker_alinea(body: str) -> bool:
    """"V. – (Supprimé)", "(Non modifié)": a marker of the shuttle, not text."""
    labels = read_labels(body)
    rest = body[labels[-1].end:] if labels else body
    return bool(_MARKER_RE.fullmatch(rest.strip()))
