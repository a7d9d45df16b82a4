"""One finder and one vocabulary (issue 11): ``show`` and apply find divisions and
articles with the same lookup and say the same when one is missing or ambiguous; the
drafter names divisions and counts with the words of ``document.model`` and
``lang.numbering``."""

from __future__ import annotations

from pathlib import Path

import pytest

from legidiff.apply.consolidate import consolidate
from legidiff.bill.parse import parse_bill
from legidiff.cli import main
from legidiff.document.locator import Locator, ResolveError, neighbours, resolve
from legidiff.document.model import Code, Division, DivisionKind
from legidiff.draft import draft
from legidiff.formats import markdown as md
from legidiff.lang.numbering import cardinal_words

BASE = """# Code électoral

## Chapitre Ier

### Article L1

Un.

### Article L2

Deux.

### Article L3-1

Trois-un.

### Article L3-3

Trois-trois.

### Article L4

Quatre.

### Article L5

Cinq.

## Chapitre II

### Section 1

#### Article L6

Six.

### Section 2

#### Article L6

Six encore.

## Annexe 2

### Article L8

Huit.
"""


# without the duplicate L. 6, which the drafter does not handle
DRAFT_BASE = BASE.replace("""### Section 2

#### Article L6

Six encore.

""", "")


def read_md(text: str) -> Code:
    return md.read(text, Path("base.md"), [])


def show_error(locator: str) -> ResolveError:
    with pytest.raises(ResolveError) as caught:
        resolve(read_md(BASE), Locator.parse(locator))
    return caught.value


def apply_error(instruction: str) -> tuple[str, str, str | None]:
    """The code, message and evidence of the one failure of an instruction."""
    result = consolidate(read_md(BASE), parse_bill(f"Article 1er\n\n{instruction}\n"))
    (failure,) = result.failures
    diag = failure.diagnostics[0]
    return diag.code, diag.message, diag.evidence


def show_article_error(capsys: pytest.CaptureFixture[str], tmp_path: Path, number: str) -> str:
    base = tmp_path / "base.md"
    base.write_text(BASE, "utf-8")
    assert main(["show", str(base), "--article", number]) == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(("number", "locator", "expected"), [
    # no article of its division number (L. 7-…): three on each side among the L. articles
    ("L. 7", "art_L7", "articles voisins : L. 4, L. 5, L. 6, L. 8"),
    # L. 3-2: among the L. 3-… articles only
    ("L. 3-2", "art_L3-2", "articles voisins : L. 3-1, L. 3-3"),
])
def test_a_missing_article_has_the_same_neighbours_in_show_and_apply(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, number: str, locator: str,
        expected: str) -> None:
    at = show_error(locator)
    code, message, evidence = apply_error(f"L'article {number} du code électoral est abrogé.")
    assert (at.code, code) == ("LD120", "LD301")  # the document's code, the engine's
    assert at.evidence == evidence == expected
    assert at.message in message  # apply adds the bill's reference and the address
    assert f"  {expected}" in show_article_error(capsys, tmp_path, number).splitlines()


def test_a_range_to_a_missing_article_says_the_same() -> None:
    code, message, evidence = apply_error(
        "Les articles L. 4 à L. 7 du code électoral sont abrogés.")
    assert code == "LD301"
    assert show_error("art_L7").message in message
    assert evidence == "articles voisins : L. 4, L. 5, L. 6, L. 8"


def test_neighbours_read_any_spelling() -> None:
    numbers = ["L. 851-1", "L851-2", "R. 851-3", "L. 852-1"]
    assert neighbours(numbers, "L851-9") == neighbours(numbers, "L. 851-9") == (
        "articles voisins : L. 851-1, L. 851-2")
    assert neighbours(numbers, "Annexe") is None


def test_a_missing_division_reads_the_same_in_show_and_apply() -> None:
    at = show_error("chapitre_9")
    code, message, evidence = apply_error("Le chapitre IX du code électoral est abrogé.")
    assert (at.code, code) == ("LD120", "LD301")
    assert at.message == "pas de chapitre IX dans le texte de base"
    assert at.message in message
    assert at.evidence == evidence == "chapitres présents : Ier, II"


def test_an_ambiguous_article_reads_the_same_in_show_and_apply() -> None:
    at = show_error("art_L6/al_1")
    code, message, evidence = apply_error(
        "Le premier alinéa de l'article L. 6 du code électoral est supprimé.")
    assert (at.code, code) == ("LD121", "LD301")
    assert at.message.startswith("2 articles portent le numéro L. 6 : précisez lequel")
    assert at.message in message
    assert at.evidence == evidence == "chapitre II > section 1; chapitre II > section 2"


def test_an_annexe_is_feminine_and_elided() -> None:
    annexe = Division.new(DivisionKind.ANNEXE, "2")
    assert annexe.french == "l'annexe 2"
    assert Division.new(DivisionKind.SECTION, "1").french == "la section 1"
    assert Division.new(DivisionKind.CHAPITRE, "VII").french == "le chapitre VII"
    assert Locator.parse("annexe_2/section_1").to_french() == "la section 1 de l'annexe 2"
    assert show_error("annexe_2/art_L9").message == "l'article L. 9 n'existe pas dans l'annexe 2"


def test_the_draft_of_an_annexe_says_l_annexe() -> None:
    old = read_md(DRAFT_BASE.replace("### Article L8\n\nHuit.\n", ""))
    result = draft(old, read_md(DRAFT_BASE))
    assert "L'annexe 2 du code électoral est complétée par un article L. 8 ainsi rédigé :" \
        in result.text
    assert "le annexe" not in result.text.lower()
    assert "la annexe" not in result.text.lower()


def test_the_draft_of_a_new_annexe_agrees_with_it() -> None:
    # the reader of quoted text takes a line « Annexe 2 » as text: the annexe is
    # inserted by its heading (« une division et un intitulé »), then filled, and named
    # in the feminine
    old = read_md(DRAFT_BASE.split("## Annexe 2")[0])
    result = draft(old, read_md(DRAFT_BASE))
    assert result.checked, result.reasons
    assert "il est inséré une division et un intitulé ainsi rédigés :\n« Annexe 2 »" \
        in result.text
    assert "L'annexe 2 est complétée par un article L. 8 ainsi rédigé :" in result.text


@pytest.mark.parametrize("count", [2, 3, 7, 10])
def test_the_draft_counts_alineas_in_words(count: int) -> None:
    added = "".join(f"Ajout {k}.\n\n" for k in range(1, count + 1))
    old = read_md(DRAFT_BASE)
    new = read_md(DRAFT_BASE.replace("Un.\n", "Un.\n\n" + added))
    result = draft(old, new)
    assert f"{cardinal_words(count)} alinéas ainsi rédigés" in result.text
    assert result.checked


def test_no_count_beyond_what_the_grammar_reads() -> None:
    # the grammar reads a count in words up to "dix" (its COUNT terminal): eleven new
    # alinéas are not counted ("onze" would not parse back, "11" is no drafting)
    added = "".join(f"Ajout {k}.\n\n" for k in range(1, 12))
    result = draft(read_md(DRAFT_BASE),
                   read_md(DRAFT_BASE.replace("Un.\n", "Un.\n\n" + added)))
    assert "alinéas ainsi rédigés" not in result.text
    assert result.checked
