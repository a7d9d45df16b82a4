"""Text of alinéas: the visible text of HTML, how HTML splits into alinéas, and the
typographic normalisation used to compare texts.

HTML in articles (LEGI's ``CONTENU``, raw HTML in Markdown exports) is kept byte for
byte. Its alinéas are cut at block boundaries (``<p>``, ``<div>``, ``<br/>``) so that
the slices, joined, give back the source exactly; a table, with whatever wraps it, is
one alinéa (its rows are not counted as alinéas: see the README, "Tables").
"""

from __future__ import annotations

import html
import html.parser
import itertools
import re
import unicodedata

_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>|<!--.*?-->", re.DOTALL)
_ANY_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>")
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "center", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
    "ol", "li", "dl", "dt", "dd", "hr", "pre",
})
_WS_RE = re.compile(r"[\s\u00a0\u202f\u2007\u200b]+")
_ASCII_WS_RE = re.compile(r"[ \t\r\n\f\v]+")


def has_markup(text: str) -> bool:
    """Whether a line of an article holds HTML tags."""
    return "<" in text and _ANY_TAG_RE.search(text) is not None


def visible(text: str, markup: bool) -> str:
    """The text a reader sees: tags removed, entities decoded, runs of spaces and line
    breaks made one space (non-breaking spaces are kept: they are the text's typography).

    >>> visible('<div align="left">Le montant est de 3&nbsp;750 &euro;.<br/></div>', True)
    'Le montant est de 3\xa0750 €.'
    """
    if markup:
        text = _TAG_RE.sub(_tag_to_space, text)
        text = html.unescape(text)
    if "\n" in text or "  " in text or "\t" in text or "\r" in text:
        text = _ASCII_WS_RE.sub(" ", text)
    return text.strip(" \t\r\n")


def _tag_to_space(m: re.Match[str]) -> str:
    name = (m.group(2) or "").lower()
    return " " if name in _BLOCK_TAGS or name in ("td", "th", "tr") else ""


def split_html(raw: str) -> list[str]:
    r"""Cut HTML into alinéa slices whose concatenation is ``raw``.

    An alinéa ends at the block boundary (``<br/>``, ``</p>``, ``</div>``, ``<p>``…) that
    follows its visible text; the closing tags and spaces after it stay with it, and the
    next alinéa starts at the first opening tag before the next visible text. A table,
    with the tags around it, is one alinéa. Markup without visible text never makes an
    alinéa of its own.

    >>> split_html('<div>Un.<br/>\n<br/>Deux.<br/>\n<br/>\n</div>')
    ['<div>Un.<br/>\n', '<br/>Deux.<br/>\n<br/>\n</div>']
    """
    cuts: list[int] = []
    has_text = False  # the current slice has visible content
    closed = False  # … and a block boundary came after it
    pending: int | None = None  # where the next slice starts, if visible content follows
    depth = 0  # table nesting

    def content_at(start: int) -> None:
        nonlocal has_text, closed, pending
        if has_text and closed:
            cuts.append(pending if pending is not None else start)
        has_text, closed, pending = True, False, None

    pos = 0
    for m in _TAG_RE.finditer(raw):
        if depth == 0 and _has_visible(raw[pos:m.start()]):
            content_at(pos)
        pos = m.end()
        if m.group(0).startswith("<!--"):
            continue
        name = m.group(2).lower()
        closing = m.group(1) == "/"
        if name == "table":
            if not closing:
                if depth == 0:
                    closed = True  # a table is a block of its own
                    content_at(m.start())
                depth += 1
            elif depth:
                depth -= 1
                closed = closed or depth == 0
            continue
        if depth or name not in _BLOCK_TAGS:
            continue
        self_closing = m.group(3) == "/" or name in ("br", "hr")
        opening = not closing and (name == "br" or not self_closing)
        if closed:
            if opening and pending is None:
                pending = m.start()
            elif closing:
                pending = None  # closing tags stay with the alinéa they close
        elif has_text and (closing or opening):
            closed = True
            if opening and name != "br":
                pending = m.start()  # "Un.<p>Deux." : the <p> opens the next alinéa
    if depth == 0 and _has_visible(raw[pos:]):
        content_at(pos)
    bounds = [0, *cuts, len(raw)]
    return [raw[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def merge_invisible(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Join the pieces that show nothing (HTML without text, like a lone ``<div>`` or
    ``</div>`` paragraph around a table) to the next piece, or to the previous one at the
    end: they are not alinéas. Pieces are ``(text, separator before)``; the separators
    are kept inside the joined text, so nothing is lost."""
    out: list[tuple[str, str | None]] = []
    carry: tuple[str, str | None] | None = None
    for text, sep in pieces:
        if carry is not None:
            text = carry[0] + (sep or "") + text
            sep = carry[1]
            carry = None
        if has_markup(text) and "<table" not in text.lower() and not _has_visible(text):
            carry = (text, sep)
            continue
        out.append((text, sep))
    if carry is not None:
        if out:
            last_text, last_sep = out[-1]
            out[-1] = (last_text + (carry[1] or "") + carry[0], last_sep)
        else:
            out.append(carry)
    return out


def _has_visible(fragment: str) -> bool:
    if not fragment or fragment.isspace():
        return False
    return bool(visible(fragment, True))


# ---------------------------------------------------------------------------
# Typographic normalisation (docs/drafting.md §1, "What exact means")

_TYPO_TABLE = str.maketrans({
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
    "–": "-", "—": "-", "―": "-", "‐": "-", "‑": "-", "‒": "-", "−": "-",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200b": "",
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "“": '"', "”": '"',
})
# (the spaces before a sign taken from the first of their run only: from each of them, the
# run was read again to its end — seconds for 20,000 spaces)
_SPACED_PUNCT_RE = re.compile(r"(?:(?<!\s)\s++)?([«»:;?!])\s*+")


def normalize_typography(text: str) -> str:
    """A comparison form that sets typography aside, never spelling: apostrophes,
    dashes and their spacing, special spaces, ligatures, spacing around « » : ; ? !,
    runs of spaces, accents on capitals ("Etat" and "État" compare equal), "1o" and
    "no" for "1°" and "n°".

    >>> normalize_typography("L’État, I. – 1o") == normalize_typography("L'Etat, I.-1°")
    True
    """
    text = text.translate(_TYPO_TABLE)
    text = _unaccent_capitals(text)
    text = re.sub(r"\b(\d+)o\b", r"\1°", text)
    text = re.sub(r"\bno\s(?=\d)", "n° ", text)
    text = _SPACED_PUNCT_RE.sub(r" \1 ", text)
    text = re.sub(r"(?<=\.)\s*-\s*", "-", text)
    text = _WS_RE.sub(" ", text)
    return text.strip()


def _unaccent_capitals(text: str) -> str:
    if text.isascii():
        return text
    out = []
    for c in text:
        if c.isupper() and not c.isascii():
            base = unicodedata.normalize("NFD", c)[0]
            out.append(base)
        else:
            out.append(c)
    return "".join(out)


# ---------------------------------------------------------------------------
# HTML contents of LEGI (``BLOC_TEXTUEL/CONTENU``, legi.py's ``bloc_textuel``)

_SIMPLE_TAGS = frozenset({"p", "div", "br", "center", "blockquote", "span", "font"})
# the paragraph markup and spaces that open a piece, then those that close what is left
# (two passes: the closing ones looked for only where a run of spaces starts, not from
# each of its characters, which read the run again to its end each time — seconds for
# 20,000 spaces; the first pass may have taken the spaces before the closing ones)
_EDGE_LEAD_RE = re.compile(r"^(?:\s|<(?:p|div|center|blockquote|br)\b[^<>]*>)+", re.IGNORECASE)
_EDGE_TRAIL_RE = re.compile(r"(?<!\s)(?:\s|</?(?:p|div|center|blockquote|br)\b[^<>]*>)+$",
                            re.IGNORECASE)


def alineas_from_html(raw: str) -> list[tuple[str, bool]]:
    """The alinéas of an HTML content, as ``(text, markup)`` pairs.

    Alinéas with only paragraph markup become plain text (tags removed, entities
    decoded, spaces collapsed). Those with a table or inline markup (``<sup>``…) keep
    their HTML, without the paragraph tags around them.

    >>> alineas_from_html("<p>Un &amp; deux.</p><p>1<sup>er</sup> alinéa</p>")
    [('Un & deux.', False), ('1<sup>er</sup> alinéa', True)]
    """
    out: list[tuple[str, bool]] = []
    for piece in split_html(raw):
        tags = {m.group(2).lower() for m in _TAG_RE.finditer(piece) if m.group(2)}
        if tags <= _SIMPLE_TAGS:
            text = visible(piece, True)
            if text:
                out.append((text, False))
            continue
        trimmed = _EDGE_TRAIL_RE.sub("", _EDGE_LEAD_RE.sub("", piece, count=1), count=1)
        if visible(trimmed, True) or "<table" in trimmed.lower():
            out.append((trimmed, True))
    return out


_VOID = frozenset({"br", "hr", "img", "col", "area", "wbr"})


class _Balancer(html.parser.HTMLParser):
    """Re-serialise an HTML fragment as well-formed XHTML: unclosed tags closed, stray
    closing tags dropped, entities written as characters."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []

    def _attrs(self, attrs: list[tuple[str, str | None]]) -> str:
        return "".join(f' {k}="{html.escape(v or "", quote=True)}"' for k, v in attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.out.append(f"<{tag}{self._attrs(attrs)}/>")
            return
        self.out.append(f"<{tag}{self._attrs(attrs)}>")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(f"<{tag}{self._attrs(attrs)}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def xhtml(fragment: str) -> str:
    """Well-formed XHTML for an HTML fragment (for XML outputs).

    >>> xhtml('<div align="left">A &eacute;t&eacute;<br>B')
    '<div align="left">A été<br/>B</div>'
    """
    balancer = _Balancer()
    balancer.feed(fragment)
    balancer.close()
    while balancer.stack:
        balancer.out.append(f"</{balancer.stack.pop()}>")
    return "".join(balancer.out)


def of(noun: str) -> str:
    """"de" before a noun, elided before a vowel as French writes it.

    >>> of("alinéa"), of("phrase"), of("annexe 2"), of("1°")
    ("d'alinéa", 'de phrase', "d'annexe 2", 'de 1°')
    """
    return f"d'{noun}" if noun[:1] in _VOWELS else f"de {noun}"


_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûü")


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun agreed, as French writes it: 0 and 1 take the singular.

    >>> counted(1, "appliquée"), counted(10, "appliquée")
    ('1 appliquée', '10 appliquées')
    >>> counted(2, "disposition autonome", "dispositions autonomes")
    '2 dispositions autonomes'
    """
    if n <= 1:
        return f"{n} {singular}"
    return f"{n} {plural if plural is not None else singular + 's'}"
