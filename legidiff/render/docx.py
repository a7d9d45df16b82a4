"""The redline as a Word document whose changes are Word revisions (tracked changes), so
a drafter can accept or reject them in Word or LibreOffice.

``render_docx(redline, …)`` gives the bytes of a ``.docx``: the title of the bill and
of the base at the top, the instructions that failed (if any), then each changed article
of :class:`~legidiff.render.redline.Redline`: a heading (its number; a renumbered
article's old number deleted and its new one inserted), where it sits and what
happened to it, and one paragraph per alinéa. Words inserted are ``w:ins`` runs, words
deleted ``w:del`` runs (their text in ``w:delText``); a created alinéa or article is
inserted as a whole, a repealed one deleted as a whole, its paragraph mark included
(``w:pPr/w:rPr/w:ins|w:del``), so that accepting every revision gives the consolidated
text and rejecting every revision gives the base. Every revision bears ``w:author`` and
``w:date``.

python-docx has no API for revisions and no type stubs: the revisions are built with
its lxml elements (``OxmlElement``, ``qn``), and everything untyped stays in this module.

Characters XML forbids (control characters, lone surrogates, U+FFFE, U+FFFF) are written
visibly as ``\\xNN`` or ``\\uXXXX`` (as :func:`legidiff.fsio.printable` does for file
names), never dropped; ``<`` and ``&`` are escaped by lxml.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from legidiff._version import __version__
from legidiff.render.diffing import Op
from legidiff.render.redline import AlineaStatus, ArticleStatus, ArticleView, Instruction, Redline

DEFAULT_AUTHOR = "legidiff"

# paragraph styles the document defines (a reader finds the alinéas by them)
ALINEA_STYLE = "Alinéa"
PLACE_STYLE = "Emplacement"
ARTICLE_STYLE = "Heading 2"

_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAK_RE = re.compile(r"(\t|\r\n|\r|\n)")

_STATUS_FR = {ArticleStatus.CREATED: "article créé", ArticleStatus.MODIFIED: "article modifié",
              ArticleStatus.REPEALED: "article abrogé",
              ArticleStatus.RENUMBERED: "article renuméroté"}


def xml_safe(text: str) -> str:
    r"""``text`` with the characters XML 1.0 forbids written visibly: a lone surrogate
    that stands for an undecodable byte (U+DC80–U+DCFF) as ``\xNN``, another one,
    U+FFFE and U+FFFF as ``\uXXXX``, a control character as ``\xNN``.

    >>> xml_safe("a\x0bb\udce9c\ufffe&<")
    'a\\x0bb\\xe9c\\ufffe&<'
    """
    if not _FORBIDDEN_RE.search(text):
        return text

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"

    return _FORBIDDEN_RE.sub(escape, text)


class _Revisions:
    """The author, the date and the next id of the revisions of one document."""

    def __init__(self, author: str, date: datetime) -> None:
        self.author = xml_safe(author)
        if date.tzinfo is not None:
            date = date.astimezone(UTC)
        self.date = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 1

    def element(self, tag: str) -> Any:
        """A ``w:ins`` or ``w:del`` with its id, author and date."""
        element = OxmlElement(tag, {qn("w:id"): str(self.next_id), qn("w:author"): self.author,
                                    qn("w:date"): self.date})
        self.next_id += 1
        return element


def _run(text: str, deleted: bool) -> Any:
    """A ``w:r`` holding ``text``: ``w:t`` (``w:delText`` when deleted), tabs as
    ``w:tab``, line breaks as ``w:br``."""
    run = OxmlElement("w:r")
    for piece in _BREAK_RE.split(xml_safe(text)):
        if not piece:
            continue
        if piece == "\t":
            run.append(OxmlElement("w:tab"))
        elif piece in ("\r\n", "\r", "\n"):
            run.append(OxmlElement("w:br"))
        else:
            t = OxmlElement("w:delText" if deleted else "w:t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = piece
            run.append(t)
    return run


def _add_text(paragraph: Any, text: str, op: Op, revisions: _Revisions) -> None:
    """Append ``text`` to ``paragraph`` as it stands (``Op.EQUAL``), as an insertion
    or as a deletion."""
    if not text:
        return
    p = paragraph._p
    if op is Op.EQUAL:
        p.append(_run(text, deleted=False))
        return
    wrapper = revisions.element("w:ins" if op is Op.INSERT else "w:del")
    wrapper.append(_run(text, deleted=op is Op.DELETE))
    p.append(wrapper)


def _mark(paragraph: Any, op: Op, revisions: _Revisions) -> None:
    """The paragraph mark inserted or deleted: the whole paragraph is a revision."""
    if op is Op.EQUAL:
        return
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    rpr.append(revisions.element("w:ins" if op is Op.INSERT else "w:del"))
    ppr.append(rpr)


def _paragraph(document: Any, style: str, pieces: list[tuple[Op, str]], whole: Op,
               revisions: _Revisions) -> Any:
    paragraph = document.add_paragraph(style=style)
    for op, text in pieces:
        _add_text(paragraph, text, whole if whole is not Op.EQUAL else op, revisions)
    _mark(paragraph, whole, revisions)
    return paragraph


def _styles(document: Any) -> None:
    styles = document.styles
    alinea = styles.add_style(ALINEA_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    alinea.base_style = styles["Normal"]
    alinea.paragraph_format.space_after = Pt(6)
    place = styles.add_style(PLACE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    place.base_style = styles["Normal"]
    place.font.italic = True
    place.font.size = Pt(9)


# the children of w:settings that come before w:trackRevisions (ECMA-376, CT_Settings)
_BEFORE_TRACK_REVISIONS_NAMES = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView")
_BEFORE_TRACK_REVISIONS = frozenset(qn(f"w:{name}")
                                    for name in _BEFORE_TRACK_REVISIONS_NAMES.split())


def _settings(document: Any) -> None:
    """Track changes on: what the drafter edits next is a revision too (the element
    where the schema puts it: Word refuses a document whose settings are out of order)."""
    settings = document.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    at = 0
    for index, child in enumerate(settings):
        if child.tag in _BEFORE_TRACK_REVISIONS:
            at = index + 1
    settings.insert(at, OxmlElement("w:trackRevisions"))


def _article(document: Any, article: ArticleView, revisions: _Revisions) -> None:
    whole = {ArticleStatus.CREATED: Op.INSERT, ArticleStatus.REPEALED: Op.DELETE}.get(
        article.status, Op.EQUAL)
    if article.old_number is not None and article.old_number != article.number:
        heading = [(Op.EQUAL, "Article "), (Op.DELETE, article.old_number),
                   (Op.INSERT, article.number)]
    else:
        heading = [(Op.EQUAL, f"Article {article.number}")]
    _paragraph(document, ARTICLE_STYLE, heading, whole, revisions)
    place = " — ".join(x for x in (article.where, _STATUS_FR[article.status]) if x)
    if article.old_number is not None and article.old_number != article.number:
        place += f" (ancien article {article.old_number})"
    _paragraph(document, PLACE_STYLE, [(Op.EQUAL, place)], whole, revisions)
    for alinea in article.alineas:
        own = {AlineaStatus.INSERTED: Op.INSERT, AlineaStatus.DELETED: Op.DELETE}.get(
            alinea.status, Op.EQUAL)
        _paragraph(document, ALINEA_STYLE, [(s.op, s.text) for s in alinea.segments],
                   whole if whole is not Op.EQUAL else own, revisions)


def _failures(document: Any, failures: tuple[Instruction, ...], revisions: _Revisions) -> None:
    document.add_heading(xml_safe(f"Instructions non appliquées ({len(failures)})"), level=1)
    document.add_paragraph(
        "Ces instructions n'ont pas pu être appliquées : le texte ci-dessous ne contient pas "
        "les modifications qu'elles prescrivent.")
    for failure in failures:
        lines = [f"{failure.ref} : {failure.text}",
                 *(f"{code} : {message}" for code, message, _ in failure.diagnostics)]
        _paragraph(document, "List Bullet", [(Op.EQUAL, "\n".join(lines))], Op.EQUAL,
                   revisions)


def render_docx(redline: Redline, *, base: str | None = None, author: str = DEFAULT_AUTHOR,
                date: datetime) -> bytes:
    """The redline as a ``.docx`` whose changes are revisions by ``author`` at ``date``;
    ``base`` names the base text (its title, its version)."""
    revisions = _Revisions(author, date)
    document = Document()
    _styles(document)
    _settings(document)
    title = redline.title or "Modifications"
    properties = document.core_properties
    properties.title = xml_safe(title)[:255]
    properties.author = properties.last_modified_by = revisions.author[:255]
    properties.comments = f"legidiff {__version__}"
    naive = date.astimezone(UTC).replace(tzinfo=None) if date.tzinfo is not None else date
    properties.created = properties.modified = naive
    properties.revision = 1
    document.add_heading(xml_safe(title), level=0)
    if base:
        document.add_paragraph(xml_safe(f"Texte de base : {base}"))
    document.add_paragraph(xml_safe(f"{redline.old_label} → {redline.new_label}"))
    document.add_paragraph(xml_safe(
        "Les modifications sont des révisions (suivi des modifications) : « Accepter toutes "
        f"les modifications » donne le texte d'arrivée ({redline.new_label}), « Refuser "
        f"toutes les modifications » le texte de départ ({redline.old_label})."))
    if redline.failures:
        _failures(document, redline.failures, revisions)
    counts = ", ".join(f"{n} {status}{'s' if n > 1 else ''}"
                       for status, n in redline.article_counts.items() if n)
    document.add_heading(f"Articles changés ({len(redline.articles)}"
                         + (f" : {counts})" if counts else ")"), level=1)
    if not redline.articles:
        document.add_paragraph("Aucun article n'est modifié.")
    for article in redline.articles:
        _article(document, article, revisions)
    # a last paragraph that is no revision: a deleted paragraph mark always has a
    # paragraph after it to join
    document.add_paragraph(xml_safe(f"Document produit par legidiff {__version__} ; "
                                    f"révisions de {revisions.author}, {revisions.date}."))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
