"""Reverse drafting (issue 8): from two versions of a text to the instructions.

Round trips on real changes — the CSI's history and the replay set, read from
``../shared`` at test time (skipped cleanly when absent) — and on whole-code bases with
articles and chapters removed or added; the drafted instructions must parse with the
project's grammar and give the new text exactly (DOMAIN.md's "exact"). Goldens pin the
drafts of focused forms and of the Senate example, compared with what the bill wrote.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import random
import re
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import EXAMPLES, FIXTURES, GOLDEN, corpus_path, legi_history_mirror

from legidiff.apply.consolidate import consolidate
from legidiff.bill.operations import operation_json
from legidiff.bill.parse import parse_bill
from legidiff.cli import main
from legidiff.document.model import Alinea, Article, Code, Division, DivisionKind
from legidiff.draft import Draft, DraftLevel, draft, structure_difference
from legidiff.formats import layout, read_base
from legidiff.formats import markdown as md
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


# -- the check compares the whole structure (issue 15) ---------------------------------


def _code(*nodes: Article | Division) -> Code:
    return Code("Code du travail", tuple(nodes))


def _art(num: str, *texts: str) -> Article:
    return Article(num, tuple(Alinea(t) for t in texts or (f"Texte de {num}.",)))


def _div(kind: str, number: str, *children: Article | Division, title: str | None = None
         ) -> Division:
    return Division.new(DivisionKind(kind), number, title, tuple(children))


def test_the_structure_is_compared_in_order_and_by_place() -> None:
    """What the old check (articles as a set, divisions as a list of chains) passed: an
    article in the wrong division, a chapter after the articles it precedes, a
    duplicate number in one division instead of two, a title not changed."""
    want = _code(_div("titre", "Ier",
                      _div("chapitre", "Ier", _art("L1"), title="Principes"),
                      _div("chapitre", "II", _art("R2151-3"), _art("L2")),
                      _div("chapitre", "III", _art("R2151-3")),
                      _art("L9")))
    assert structure_difference(want, want) is None
    wrong_division = _code(_div("titre", "Ier",
                                _div("chapitre", "Ier", _art("L1"), title="Principes"),
                                _div("chapitre", "II", _art("R2151-3")),
                                _div("chapitre", "III", _art("R2151-3"), _art("L2")),
                                _art("L9")))
    chapter_after = _code(_div("titre", "Ier", _art("L9"),
                               _div("chapitre", "Ier", _art("L1"), title="Principes"),
                               _div("chapitre", "II", _art("R2151-3"), _art("L2")),
                               _div("chapitre", "III", _art("R2151-3"))))
    duplicates = _code(_div("titre", "Ier",
                            _div("chapitre", "Ier", _art("L1"), title="Principes"),
                            _div("chapitre", "II", _art("R2151-3"), _art("R2151-3"),
                                 _art("L2")),
                            _div("chapitre", "III"),
                            _art("L9")))
    retitled = _code(_div("titre", "Ier",
                          _div("chapitre", "Ier", _art("L1"), title="Définitions"),
                          _div("chapitre", "II", _art("R2151-3"), _art("L2")),
                          _div("chapitre", "III", _art("R2151-3")),
                          _art("L9")))
    for got in (wrong_division, chapter_after, duplicates, retitled):
        assert structure_difference(got, want) is not None
    assert structure_difference(chapter_after, want) == (
        "titre Ier : chapitre Ier « Principes » attendu, l'article L. 9 obtenu")


def test_a_draft_whose_result_differs_is_never_checked(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    """The instructions are applied and their result compared as a whole: an
    instruction that puts the new chapter after the article it precedes (the articles
    and the divisions are all there) is not checked, and says why."""
    old = _code(_div("titre", "Ier", _art("L1")))
    new = _code(_div("titre", "Ier", _div("chapitre", "Ier", _art("L2")), _art("L1")))
    assert draft(old, new).checked
    misplaced = ("Article 1er\nLe titre Ier du code du travail est complété par un chapitre "
                 "Ier ainsi rédigé :\n« Chapitre Ier\n« Art. L. 2. – Texte de L2. »\n")
    # (the package re-exports the function ``draft`` under the module's name)
    module = importlib.import_module("legidiff.draft")
    monkeypatch.setattr(module, "write_instructions", lambda drafts, name: misplaced)
    result = draft(old, new)
    assert not result.checked
    assert result.reasons and "chapitre Ier attendu, l'article L. 1 obtenu" in result.reasons[-1]



def _layout_at(mirror: Path, commit: str, folder: str, into: Path) -> Code:
    """One folder of the export at a commit, written out and read with the layout
    reader (the code's README on top)."""
    code_dir = "/".join(folder.split("/")[:2])
    listing = subprocess.run(["git", "-C", str(mirror), "ls-tree", "-r", "--name-only", commit,
                              folder + "/"], capture_output=True, text=True, check=True)
    files = [f for f in listing.stdout.splitlines() if f.endswith(".md")]
    parts = folder.split("/")
    files += ["/".join([*parts[:k], "README.md"]) for k in range(2, len(parts))]
    for name in files:
        data = subprocess.run(["git", "-C", str(mirror), "show", f"{commit}:{name}"],
                              capture_output=True, check=True).stdout
        target = into / name[len(code_dir) + 1:]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _prune_readmes(into)
    return layout.read(into, [])


def _prune_readmes(root: Path) -> None:
    """Keep in each README's list only the entries written out."""
    for readme in root.rglob("README.md"):
        lines = readme.read_text("utf-8").split("\n")
        kept = [line for line in lines
                if not (m := re.match(r"- \[.*\]\((.*)\)$", line))
                or (readme.parent / m.group(1)).exists()]
        readme.write_text("\n".join(kept), "utf-8")


def test_the_duplicates_of_the_code_de_la_defense(tmp_path: Path) -> None:
    """The 2015 decree that moved R. 2151-3 to R. 2151-5 from section 1 to section 2:
    the export first adds them to section 2 (868cbced8c), and only then removes them
    from section 1 (4a44cdebe1), so that in between the code has each number twice.
    Drafted on the chapter, each step is checked only if it gives that text exactly."""
    mirror = legi_history_mirror()
    folder = ("codes-en-vigueur/code-de-la-defense/partie-reglementaire/partie-2/livre-ier/"
              "titre-v/chapitre-unique")
    added, removed = "868cbced8c", "4a44cdebe1"
    before = _layout_at(mirror, added + "^", folder, tmp_path / "before")
    middle = _layout_at(mirror, added, folder, tmp_path / "middle")
    after = _layout_at(mirror, removed, folder, tmp_path / "after")
    assert len(middle.find_articles("R2151-3")) == 2
    for old, new in ((before, middle), (middle, after), (before, after)):
        result = draft(old, new)
        bill = parse_bill(result.text)
        applied = consolidate(old, bill)
        exact = applied.complete and structure_difference(applied.code, new) is None
        assert result.checked == exact, result.reasons
        assert result.checked or result.reasons
    # the move itself, with no duplicate in between, is drafted and checked
    assert draft(before, after).checked


# -- what the drafter writes, and what it refuses to write ---------------------------------


def _drafted(old: str, new: str) -> Draft:
    return draft(read_md("# Code du travail\n\n" + old), read_md("# Code du travail\n\n" + new))


def test_parties_are_named_as_bills_name_them() -> None:
    """"la première partie" (not "la partie Première"), a partie inside a named partie,
    the only partie of a code named when it holds the new one; the quoted heading is
    "Deuxième partie"."""
    single = _drafted("## Partie réglementaire\n",
                      "## Partie réglementaire\n\n### Deuxième partie : La commune\n\n"
                      "#### Livre Ier : Organisation\n\n##### Article D1\n\nUn.\n")
    assert single.checked
    assert single.text.startswith("Article 1er\nLa partie réglementaire du code du travail est "
                                  "complétée par une partie ainsi rédigée :\n« Deuxième partie\n")
    head = "## Partie législative\n\n### Première partie : Un\n\n#### Livre Ier : A\n\n"
    nested = _drafted(head + "##### Article L1\n\nUn.\n",
                      head + "##### Article L1\n\nUn.\n\n#### Livre II : B\n\n##### Article L2"
                      "\n\nDeux.\n\n### Deuxième partie : Deux\n\n#### Livre Ier : C\n\n"
                      "##### Article L3\n\nTrois.\n")
    assert nested.checked
    assert "Après le livre Ier de la première partie, il est inséré un livre II" in nested.text
    assert "Après la première partie, il est inséré une partie ainsi rédigée" in nested.text
    assert "partie Première" not in nested.text and "partie Deuxième" not in nested.text
    # with two parties at the top, each locator names its partie
    two = _drafted("## Partie législative\n\n### Livre Ier\n\n#### Article L1\n\nUn.\n\n"
                   "## Partie réglementaire\n\n### Livre Ier\n\n#### Article R1\n\nUn.\n",
                   "## Partie législative\n\n### Livre Ier\n\n#### Article L1\n\nUn.\n\n"
                   "## Partie réglementaire\n\n### Livre Ier\n\n#### Article R1\n\nUn.\n\n"
                   "### Livre II\n\n#### Article R2\n\nDeux.\n")
    assert two.checked
    assert "Après le livre Ier de la partie réglementaire du code du travail" in two.text


def test_new_divisions_and_articles_take_their_place() -> None:
    """A chapter before the articles it precedes; an article after a sub-division (no
    quoted block can hold it: it is inserted after the sub-division); an article moved
    from one section to the next (repealed first, then written again); a new title; an
    empty division created and repealed."""
    before = _drafted("## Titre Ier\n\n### Article L1\n\nUn.\n",
                      "## Titre Ier\n\n### Chapitre Ier : Nouveau\n\n#### Article L2\n\nDeux."
                      "\n\n### Article L1\n\nUn.\n")
    assert before.checked
    assert "Avant l'article L. 1 du code du travail, il est inséré un chapitre Ier" in before.text
    after = _drafted("## Chapitre Ier\n\n### Article L1\n\nUn.\n",
                     "## Chapitre Ier\n\n### Article L1\n\nUn.\n\n## Chapitre II\n\n"
                     "### Section 1\n\n#### Article L2\n\nDeux.\n\n### Article L3\n\nTrois.\n")
    assert after.checked
    assert "Après la section 1 du chapitre II, il est inséré un article L. 3" in after.text
    sections = "## Chapitre Ier\n\n### Section 1\n\n#### Article L1\n\nUn.\n\n"
    moved = _drafted(sections + "#### Article L2\n\nDeux.\n\n### Section 2\n\n"
                     "#### Article L3\n\nTrois.\n",
                     sections + "### Section 2\n\n#### Article L2\n\nDeux.\n\n"
                     "#### Article L3\n\nTrois.\n")
    assert moved.checked
    assert moved.text.index("L'article L. 2 est abrogé") < moved.text.index(
        "Avant l'article L. 3, il est inséré un article L. 2")
    retitled = _drafted("## Chapitre Ier : Ancien\n\n### Article L1\n\nUn.\n",
                        "## Chapitre Ier : Nouveau\n\n### Article L1\n\nUn.\n")
    assert retitled.checked and "L'intitulé du chapitre Ier du code du travail" in retitled.text
    empty = "## Chapitre Ier\n\n### Article L1\n\nUn.\n\n## Chapitre II : Vide\n"
    assert _drafted("## Chapitre Ier\n\n### Article L1\n\nUn.\n", empty).checked
    assert _drafted(empty, "## Chapitre Ier\n\n### Article L1\n\nUn.\n").checked


@pytest.mark.parametrize(("old", "new"), [
    # created, repealed, holding a new article: a heading of no known kind
    ("## Chapitre Ier\n\n### Article L1\n\nUn.\n",
     "## Chapitre Ier\n\n### Article L1\n\nUn.\n\n## Dispositions diverses\n\n"
     "### Article L2\n\nDeux.\n"),
    ("## Chapitre Ier\n\n### Article L1\n\nUn.\n\n## Dispositions diverses\n\n"
     "### Article L2\n\nDeux.\n", "## Chapitre Ier\n\n### Article L1\n\nUn.\n"),
    ("## Chapitre Ier\n\n### Article L1\n\nUn.\n\n## Annexes\n",
     "## Chapitre Ier\n\n### Article L1\n\nUn.\n\n## Annexes\n\n### Article A1\n\nUn.\n"),
])
def test_a_division_of_no_kind_or_number_is_named_by_its_heading(old: str, new: str) -> None:
    """A heading of no known kind, or a number the grammar does not read, is named as the
    laws amending the code général des impôts name it: "la division intitulée : « … »",
    created as "une division et un intitulé ainsi rédigés : « … »"; checked on the whole
    structure."""
    result = _drafted(old, new)
    assert result.checked, result.reasons
    assert "a division intitulée : « " in result.text
    assert "  " not in result.text and " autre " not in result.text


def test_a_division_numbered_by_a_roman_numeral_and_a_number() -> None:
    """« Chapitre III-1 » (read since the annexes « I-5 » of the code de la santé
    publique): named by its kind and number, checked on the whole structure."""
    result = _drafted("## Chapitre III\n\n### Article L1\n\nUn.\n",
                      "## Chapitre III\n\n### Article L1\n\nUn.\n\n## Chapitre III-1\n\n"
                      "### Article L2\n\nDeux.\n")
    assert result.checked, result.reasons
    assert "il est inséré un chapitre III-1 ainsi rédigé" in result.text


@pytest.mark.parametrize(("old", "new"), [
    # a heading with guillemets cannot be quoted as a name
    ("## Chapitre Ier\n\n### Article L1\n\nUn.\n",
     "## Chapitre Ier\n\n### Article L1\n\nUn.\n\n## Dispositions « diverses »\n\n"
     "### Article L2\n\nDeux.\n"),
    ("## Chapitre Ier\n\n### Article L1\n\nUn.\n\n## Dispositions « diverses »\n\n"
     "### Article L2\n\nDeux.\n", "## Chapitre Ier\n\n### Article L1\n\nUn.\n"),
])
def test_what_cannot_be_named_is_refused_with_a_reason(old: str, new: str) -> None:
    """Never an empty locator ("Après  du code …, il est inséré un autre  …"): the change
    is not written, the draft is not checked, and its reasons say which heading."""
    result = _drafted(old, new)
    assert not result.checked
    assert any("qu'aucune instruction ne peut nommer" in r for r in result.reasons)
    assert "  " not in result.text and " autre " not in result.text
    assert not re.search(r"(?:^|\n)(?:Après|Avant|Le|La|L')?\s+du code", result.text)


def test_the_division_in_place_of_one_that_cannot_be_named() -> None:
    """Inside a division of no known kind, a new section goes before the article that
    follows it, named by its number: nothing names the unknown division."""
    result = _drafted("## Dispositions diverses\n\n### Article L1\n\nUn.\n",
                      "## Dispositions diverses\n\n### Section 1\n\n#### Article L2\n\nDeux."
                      "\n\n### Article L1\n\nUn.\n")
    assert result.checked
    assert result.text.startswith("Article 1er\nAvant l'article L. 1 du code du travail, il "
                                  "est inséré une section 1 ainsi rédigée :")


def test_an_article_emptied_is_rewritten_without_error() -> None:
    """``_rewrite_article`` on an article left with no alinéa (it raised IndexError)."""
    module = importlib.import_module("legidiff.draft")
    items = module._rewrite_article("L. 1", [], "code du travail")
    assert items[0].block == ("« Art. L. 1. – »",)
    old = Code("Code du travail", (_art("L1", "Un.", "Deux."),))
    result = draft(old, Code("Code du travail", (Article("L1", ()),)))
    assert result.checked


def test_an_organic_article_header_is_read_back() -> None:
    """"Art. L.O. 130-1. –" is no header for the reader of quoted text: the header is
    spelt so that it reads the same number back."""
    result = _drafted("## Article L.O. 1\n\nUn.\n",
                      "## Article L.O. 1\n\nUn.\n\n## Article L.O. 130-1\n\nDeux.\n")
    assert result.checked
    assert "il est inséré un article L.O. 130-1 ainsi rédigé" in result.text


@pytest.mark.parametrize(("text", "why"), [
    ("Deux :\n\n1° Trois ;\n\n3° (Supprimé)", "mention de la navette"),
    ("Deux :\n\n[Dispositions déclarées non conformes à la Constitution par la décision "
     "n° 2000-1 DC.]", "mention de la navette"),
    ("Le décret no12 du 1er mars.", "se relit autrement"),
    ("Deux :\n\nSous-section 2 : des mots\n\nTrois.", "ne se relit pas"),
    # D. 3261-30 of the code du travail (2e43fe2d15): a » that no « opens
    ("Un justificatif portant la mention transports collectifs » ou carburant ».",
     "guillemets"),
])
def test_quoted_text_the_reader_would_change_is_not_checked(text: str, why: str) -> None:
    """Quoted lines that the reader of bills takes for something else: the draft says
    which line, and is not checked."""
    result = _drafted("## Article L1\n\nUn.\n",
                      f"## Article L1\n\nUn.\n\n## Article L2\n\n{text}\n")
    assert not result.checked
    assert why in result.reasons[0]


def test_unchanged_lines_the_reader_would_change_are_not_quoted() -> None:
    """The same lines, untouched by a change of words elsewhere in the article: the
    draft quotes only the changed words, and is checked."""
    text = "Deux :\n\n3° (Supprimé)\n\nSous-section 2 : des mots\n\nLe décret no12 du 1er mars."
    result = _drafted(f"## Article L2\n\n{text}\n",
                      f"## Article L2\n\n{text.replace('Deux', 'Trois')}\n")
    assert result.checked and "(Supprimé)" not in result.text


def test_a_quotation_closing_the_alinea_is_kept() -> None:
    """An alinéa that ends with a quotation: « … « X » » closes the block once."""
    result = _drafted("## Article L1\n\nUn.\n",
                      "## Article L1\n\nUn.\n\n## Article L2\n\nLes mots « à titre gratuit »\n")
    assert result.checked


def test_a_partie_its_heading_qualifies_is_named_as_the_decrees_name_it() -> None:
    """LEGI's "Partie réglementaire - Décrets en Conseil d'Etat", "Partie réglementaire
    - Décrets simples", "Partie législative ancienne": the decrees that amend such a
    partie call it "la partie réglementaire" (« décret … relatif à la partie
    réglementaire du code de la sécurité intérieure (Décrets en Conseil d'Etat) »), and
    so does the drafter, unless two parties of the texts answer to that name: then it
    says it cannot name it, and nothing is checked that is not so."""
    law = "## Partie législative\n\n### Article L1\n\nUn.\n"
    for heading, word in (("Partie réglementaire - Décrets en Conseil d'Etat", "réglementaire"),
                          ("Partie réglementaire - Décrets simples", "réglementaire"),
                          ("PARTIE REGLEMENTAIRE - Arrêtés", "réglementaire"),
                          ("Partie législative ancienne", "législative")):
        # beside a partie of the other kind ("Partie législative" beside "Partie
        # législative ancienne" would be two parties of that name: below)
        base = law if word == "réglementaire" else law.replace("législative", "réglementaire")
        part = f"## {heading}\n\n### Livre Ier : Dispositions\n\n#### Article R1\n\nDeux.\n"
        created = _drafted(base, base + "\n" + part)
        assert created.checked, created.reasons
        assert f"il est inséré une partie {word} ainsi rédigée :\n« Partie " \
               f"{heading.split(' ', 1)[1]}\n" in created.text
        more = part + "\n#### Article R2\n\nTrois.\n"
        added = _drafted(base + "\n" + part, base + "\n" + more)
        assert added.checked and "Après l'article R. 1 du code du travail" in added.text
        repealed = _drafted(base + "\n" + part, base)
        assert repealed.checked, repealed.reasons
        assert f"La partie {word} du code du travail est abrogée." in repealed.text
        bill = parse_bill(repealed.text)
        assert consolidate(read_md("# Code du travail\n\n" + base + "\n" + part), bill).complete
    for other in ("Partie législative ancienne", "Partie législative nouvelle"):
        # two parties of that name: the new one is named by its heading
        twice = _drafted(law, law + f"\n## {other}\n\n### Article L2\n\nDeux.\n")
        assert twice.checked, twice.reasons
        assert f"division intitulée : « {other} » est complétée" in twice.text
    both = (law + "\n## Partie réglementaire - Décrets en Conseil d'Etat\n\n### Livre Ier\n\n"
            "#### Article R1\n\nDeux.\n")
    two = both + "\n## Partie réglementaire - Décrets simples\n\n### Livre Ier\n\n" \
                 "#### Article D1\n\nTrois.\n"
    titled = _drafted(both, two)
    assert titled.checked, titled.reasons
    assert "division intitulée : « Partie réglementaire - Décrets simples »" in titled.text
    assert "la partie réglementaire" not in titled.text.lower()


def test_the_code_general_des_impots_numbers_read_back_in_quoted_articles() -> None:
    """A new article numbered as the code général des impôts numbers them (up to three
    capitals, "-0": "46 quaterdecies BA", "49 septies ZP", "371 AL", "235 ter ZE bis",
    "46 AGA", "1649 quater-0 B bis") is quoted under an "Art. … –" header that the
    reader of quoted text reads back: the draft is checked, the new article in its place."""
    for before, number in (("46 quaterdecies B", "46 quaterdecies BA"),
                           ("49 septies ZO", "49 septies ZP"), ("371 AK", "371 AL"),
                           ("235 ter ZE", "235 ter ZE bis"), ("46 AG", "46 AGA"),
                           ("1649 quater-0 B", "1649 quater-0 B bis")):
        head = f"# Code général des impôts\n\n## Chapitre Ier\n\n### Article {before}\n\nUn.\n"
        new = head + f"\n### Article {number}\n\nLes activités sont celles-ci.\n"
        result = draft(read_md(head), read_md(new))
        assert result.checked, result.reasons
        assert f"« Art. {number}. – Les activités sont celles-ci. »" in result.text
        chapter = read_md(new).children[0]
        assert isinstance(chapter, Division)
        assert [c.num for c in chapter.children if isinstance(c, Article)] == [before, number]


def test_an_article_number_with_a_bare_star_is_written_and_read_back() -> None:
    """The code des marchés publics of 1964 numbers its articles "*49", "*51" in LEGI (the
    star of the décrets en Conseil d'État, as in "R.* 111-1"): modified, repealed, and a
    new one inserted after one of them, each drafted, checked, and named so."""
    head = "# Code des marchés publics (édition 1964)\n\n## Livre II\n\n"
    old = head + "### Article *49\n\nUn.\n\n### Article *51\n\nDeux.\n\n### Article 52\n\nTrois.\n"
    for new, said in ((old.replace("Un.", "Un, modifié."), "de l'article *49 du code"),
                      (old.replace("### Article *51\n\nDeux.\n\n", ""), "L'article *51 du code"),
                      (old.replace("### Article *51", "### Article *50\n\nNeuf.\n\n"
                                                      "### Article *51"),
                       "Après l'article *49 du code des marchés publics (édition 1964), il est "
                       "inséré un article *50 ainsi rédigé :\n« Art. *50. – Neuf. »")):
        result = draft(read_md(old), read_md(new))
        assert result.checked, result.reasons
        assert said in result.text
