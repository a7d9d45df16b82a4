"""Codes in two parties whose livres share numbers (législative / réglementaire): an
instruction naming a division applies to the right partie — told by the prefix of the
article it names or writes, or by the kind of the amending text — and an instruction that
says neither is refused with each place named, never applied to the first found."""

from __future__ import annotations

from pathlib import Path

import pytest

from legidiff.apply.consolidate import Status, consolidate, part_of_bill
from legidiff.bill.parse import parse_bill
from legidiff.document.model import Code
from legidiff.formats import markdown as md

BASE = """# Code de l'action sociale et des familles

## Partie législative

### Livre Ier : Dispositions générales

#### Chapitre Ier : Principes

##### Article L111-1

Texte législatif.

## Partie réglementaire

### Livre Ier : Dispositions générales

#### Chapitre Ier : Principes

##### Article R111-1

Texte réglementaire.
"""


def code() -> Code:
    return md.read(BASE, Path("casf.md"), [])


def apply(text: str, title: str | None = None) -> tuple[Status, Code, str]:
    bill = parse_bill(f"Article 1er\n{text}\n", title=title)
    result = consolidate(code(), bill)
    (only,) = result.results
    message = only.diagnostics[0].message if only.diagnostics else ""
    return only.status, result.code, message


def articles_of(code: Code, part: str) -> list[str]:
    return [p.article.num for p in code.articles()
            if p.divisions[0].number == part]


@pytest.mark.parametrize(("number", "part"), [("L. 111-2", "législative"),
                                              ("R. 111-2", "réglementaire")])
def test_the_article_written_tells_the_partie(number: str, part: str) -> None:
    status, new, _ = apply(
        "Le chapitre Ier du livre Ier du code de l'action sociale et des familles est complété "
        f"par un article {number} ainsi rédigé :\n« Art. {number}. – Nouveau. »")
    assert status is Status.APPLIED
    key = number.replace(". ", "")
    assert key in articles_of(new, part)


def test_the_article_named_tells_the_partie() -> None:
    status, new, _ = apply(
        "Le chapitre Ier du livre Ier du code de l'action sociale et des familles est ainsi "
        "modifié :\n1° À l'article R. 111-1, le mot : « réglementaire » est remplacé par le "
        "mot : « modifié ».")
    assert status is Status.APPLIED
    (article,) = [p.article for p in new.articles() if p.article.num == "R111-1"]
    assert article.alineas[0].text == "Texte modifié."


@pytest.mark.parametrize(("title", "part"), [
    ("Décret n° 2015-1 du 5 janvier 2015 relatif à …", "réglementaire"),
    ("Loi n° 2015-1 du 5 janvier 2015 relative à …", "législative")])
def test_the_kind_of_the_amending_text_tells_the_partie(title: str, part: str) -> None:
    status, new, _ = apply(
        "L'intitulé du chapitre Ier du livre Ier du code de l'action sociale et des familles "
        "est ainsi rédigé : « Nouveaux principes ».", title=title)
    assert status is Status.APPLIED
    titles = {d.number: d.children[0].children[0].title  # type: ignore[union-attr]
              for d in new.children}
    assert titles[part] == "Nouveaux principes"
    other = "législative" if part == "réglementaire" else "réglementaire"
    assert titles[other] == "Principes"


def test_when_nothing_tells_the_partie_both_places_are_named() -> None:
    status, new, message = apply(
        "L'intitulé du chapitre Ier du livre Ier du code de l'action sociale et des familles "
        "est ainsi rédigé : « Nouveaux principes ».")
    assert status is Status.FAILED
    assert "2 divisions" in message
    assert new.children == code().children


def test_part_of_bill() -> None:
    assert part_of_bill("Arrêté du 3 mars 2015 …") == "arretes"
    assert part_of_bill("Ordonnance n° 2015-1 …") == "legislative"
    assert part_of_bill(None) is None


def test_an_article_inserted_at_its_place_goes_to_its_partie() -> None:
    """"Au chapitre Ier du livre Ier …, il est inséré un article R. 111-2" (the replay
    benchmark's code de la consommation L. 541-1: "2 divisions livre V")."""
    status, new, _ = apply(
        "Au chapitre Ier du livre Ier du code de l'action sociale et des familles, il est "
        "inséré un article R. 111-2 ainsi rédigé :\n« Art. R. 111-2. – Nouveau. »")
    assert status is Status.APPLIED
    assert "R111-2" in articles_of(new, "réglementaire")
