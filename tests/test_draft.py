"""Reverse drafting (issue 8): from two versions of a text to the instructions.

Round trips on real changes — the CSI's history and the replay set, read from
``../shared`` at test time (skipped cleanly when absent) — and on whole-code bases with
articles and chapters removed or added; the drafted instructions must parse with the
project's grammar and give the new text exactly (DOMAIN.md's "exact"). Goldens pin the
drafts of focused forms and of the Senate example, compared with what the bill wrote.
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import EXAMPLES, FIXTURES, GOLDEN, corpus_path

from legidiff.bill.operations import operation_json
from legidiff.bill.parse import parse_bill
from legidiff.cli import main
from legidiff.document.model import Alinea, Article, Code, Division
from legidiff.draft import DraftLevel, draft
from legidiff.formats import markdown as md
from legidiff.formats import read_base
from legidiff.formats.layout import read_article_text
from legidiff.lang.numbering import ArticleNumber

CSI = "Code de la sécurité intérieure"


def read_md(text: str) -> Code:
    return md.read(text, Path("base.md"), [])


OLD = """# Code électoral

## Article L1

Le maire et un adjoint signent un procès-verbal dans un délai de deux mois.

Un arrêté fixe la liste. Un décret fixe les conditions.

Le préfet est informé.

## Article L2

Un article qui sera abrogé.

## Article L3

Le maire signe un registre et un adjoint signe un registre.
"""

NEW = """# Code électoral

## Article L1

Le maire et un adjoint signent le procès-verbal dans un délai de trois mois.

Un arrêté fixe la liste. Un décret fixe les conditions. Il est publié.

Un alinéa nouveau.

Le préfet est informé sans délai.

## Article L3

Le maire signe un registre et un adjoint signe un livre.

## Article L4

Un article créé.
"""


def test_each_form_is_drafted_and_checked(golden: Callable[[str, str], None]) -> None:
    result = draft(read_md(OLD), read_md(NEW))
    assert result.checked
    golden("draft/forms.txt", result.text)
    kinds = [item.kind for a in result.articles for item in a.items]
    # in the order of the text: L. 1, the repeal of L. 2, L. 3, then L. 4 created
    assert kinds == ["replace_words", "complete_phrase", "insert_units", "insert_words",
                     "repeal", "replace_words", "insert_article"]
    # the words repeat in L3: the occurrence is named
    assert "la seconde occurrence du mot : « registre »" in result.text
    # a number is quoted with its noun
    assert "« deux mois » sont remplacés par les mots : « trois mois »" in result.text


def test_a_single_change_is_a_single_sentence() -> None:
    new = OLD.replace("Le préfet est informé.", "Le préfet est averti.")
    result = draft(read_md(OLD), read_md(new))
    assert result.checked
    assert result.text == ("Article 1er\nAu troisième alinéa de l'article L. 1 du code "
                           "électoral, le mot : « informé » est remplacé par le mot : "
                           "« averti ».\n")


def test_an_article_completes_an_existing_empty_division() -> None:
    """A division with no article yet exists: the article completes it (it used to be
    drafted as a second Section 2, and the check, on articles only, let it pass)."""
    head = "# Code électoral\n\n## Chapitre Ier\n\n### Section 1\n\n#### Article L1\n\nUn.\n\n"
    old = read_md(head + "### Section 2\n")
    new = read_md(head + "### Section 2\n\n#### Article L2\n\nDeux.\n")
    result = draft(old, new)
    assert result.checked
    assert result.text == ("Article 1er\nLa section 2 du chapitre Ier du code électoral est "
                           "complétée par un article L. 2 ainsi rédigé :\n"
                           "« Art. L. 2. – Deux. »\n")
    # the check compares divisions too: a doubled section is not the new text
    doubled = read_md(head + "### Section 2\n\n### Section 2\n\n#### Article L2\n\nDeux.\n")
    assert not draft(doubled, new).checked


def test_the_senate_example(golden: Callable[[str, str], None]) -> None:
    """The Senate bill applied to the built base, drafted back: three instructions have
    the bill's own words; the others say the same with other locators (see the golden's
    companion note in tests/fixtures/draft/senate-notes.md)."""
    base = read_base(EXAMPLES / "csi-livre-viii-avant-2021-construit.md").code
    after = read_base(GOLDEN / "apply" / "csi-livre-viii-apres.md").code
    result = draft(base, after)
    assert result.checked
    golden("draft/senat-art-9-11.txt", result.text)
    for words in ("la référence : « et L. 852-2 » est remplacée par les références : "
                  "« , L. 852-2 et L. 852-3 »",
                  "la référence : « et L. 852-1 » est remplacée par les références : "
                  "« , L. 851-6, L. 852-1 et L. 853-2 »",
                  "le mot : « télécommunications » est remplacé par les mots : "
                  "« communications électroniques »"):
        assert words in result.text


def test_draft_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, "utf-8")
    new.write_text(NEW, "utf-8")
    assert main(["draft", str(old), str(new)]) == 0
    captured = capsys.readouterr()
    assert captured.out == draft(read_md(OLD), read_md(NEW)).text
    assert "vérifiées" in captured.err
    out = tmp_path / "loi.txt"
    assert main(["draft", str(old), str(new), "--article", "L. 3", "-o", str(out)]) == 0
    capsys.readouterr()
    assert out.read_text("utf-8").startswith("Article 1er\nAu premier alinéa de l'article "
                                             "L. 3 du code électoral")
    assert main(["draft", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["checked"] is True and data["format"] == "legidiff-draft"


# -- round trips on real changes --------------------------------------------------------


def test_the_history_of_the_csi_round_trips() -> None:
    """Every modification of a CSI article in 2012–2016: drafted, parsed, applied, the
    after text exactly; the level each one needed is reported."""
    path = corpus_path("history", "code-de-la-securite-interieure.jsonl")
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    modified = [r for r in records if r["status"] == "modified"]
    assert len(modified) == 239
    levels: Counter[str] = Counter()
    failed = []
    for record in modified:
        before, after = read_article_text(record["before"]), read_article_text(record["after"])
        result = draft(Code(CSI, (before,)), Code(CSI, (after,)))
        if not result.checked:
            failed.append(record["path"])
        assert not parse_bill(result.text).unrecognized
        levels.update(a.level.value for a in result.articles if a.level is not None)
    assert failed == []
    # the finest level almost always: 231 words, 4 alinéas, 4 whole articles when written
    assert levels[DraftLevel.WORDS.value] >= 225 and levels[DraftLevel.ARTICLE.value] <= 6


def _without(code: Code, articles: set[str], divisions: set[int]) -> Code:
    def keep(nodes: tuple[Article | Division, ...]) -> tuple[Article | Division, ...]:
        out: list[Article | Division] = []
        for node in nodes:
            if isinstance(node, Article):
                if node.key not in articles:
                    out.append(node)
            elif id(node) not in divisions:
                out.append(dataclasses.replace(node, children=keep(node.children)))
        return tuple(out)
    return dataclasses.replace(code, children=keep(code.children))


def test_creations_and_repeals_on_the_whole_csi() -> None:
    """60 articles and four whole chapters taken out of the CSI: drafted back in (created
    after the article or chapter before them), and out again (repealed)."""
    csi = read_base(corpus_path("codes", "code-de-la-securite-interieure")).code
    rng = random.Random(3)
    paths = list(csi.articles())
    drop = {p.article.key for p in rng.sample(paths, 60)
            if len(csi.find_articles(p.article.num)) == 1}
    chapters = [d for _, d in csi.walk()
                if isinstance(d, Division) and d.kind.value == "chapitre"]
    smaller = _without(csi, drop, {id(d) for d in rng.sample(chapters, 4)})
    created = draft(smaller, csi)
    assert created.checked
    assert sum(1 for a in created.articles if a.items[0].kind == "insert_division") >= 1
    repealed = draft(csi, smaller)
    assert repealed.checked
    assert any(a.items[0].kind == "repeal_division" for a in repealed.articles)


def _replay_article(text: str, number: str) -> Article:
    parsed = ArticleNumber.parse(number)
    assert parsed is not None
    return Article(parsed.legi, tuple(Alinea(x) for x in text.split("\n") if x.strip()))


def _signature(text: str) -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for op in parse_bill(text).operations:
        data: dict[str, Any] = operation_json(op)
        old = data.get("old")
        out.append((data["kind"], tuple(old["texts"]) if isinstance(old, dict) else ()))
    return out


def test_the_replay_set_against_the_journal_officiel() -> None:
    """For each of the 24 real modifications: the draft gives the after text, and it
    has the Journal officiel's operations and quoted words — or a note says why not."""
    notes = json.loads((FIXTURES / "draft" / "replay-notes.json").read_text("utf-8"))
    lines = corpus_path("replay", "triples.jsonl").read_text("utf-8").splitlines()
    same = []
    for index, line in enumerate(lines):
        record = json.loads(line)
        name = f"replay-{index:02d}"
        title = record["code"][:1].upper() + record["code"][1:]
        before = _replay_article(record["before"], record["article"])
        after = _replay_article(record["after"], record["article"])
        result = draft(Code(title, (before,) if before.alineas else ()),
                       Code(title, (after,) if after.alineas else ()))
        assert result.checked, name
        agree = _signature(result.text) == _signature("Article 1er\n"
                                                     + record["instruction"] + "\n")
        assert agree or name in notes, f"{name}: different from the JO, and no note says why"
        assert not (agree and name in notes), f"{name}: a note for a draft that agrees"
        if agree:
            same.append(name)
    assert len(same) == 13
