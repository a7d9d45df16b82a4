"""Properties of the engine, the parser and the readers, checked with hypothesis
(issue 13): whatever the input, nothing but :class:`LegidiffError` is raised and every
failure carries a diagnostic code; untouched articles stay byte for byte; a failed
instruction changes nothing; a run gives the same bytes under any hash seed; ``draft``
then ``apply`` gives the new text.

Examples are bounded and derandomized (the same on every run: a failure is reproduced by
running the test again); the long random search is ``benchmarks/fuzz.py``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import EXAMPLES, FIXTURES

from legidiff.apply.consolidate import Consolidation, Status, consolidate
from legidiff.apply.run import output_code
from legidiff.bill.operations import Bill
from legidiff.bill.parse import parse_bill
from legidiff.diagnostics import CODES, LegidiffError
from legidiff.document.model import Alinea, Article, Code, Division
from legidiff.draft import draft, same_alineas
from legidiff.formats import Format, blocks, content, jsonfmt, markdown, render

SETTINGS = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.filter_too_much])
FEW = settings(SETTINGS, max_examples=60)


@cache
def example_base() -> Code:
    path = EXAMPLES / "csi-extrait.md"
    return markdown.read(path.read_text("utf-8"), path, [])


@cache
def real_sentences() -> tuple[str, ...]:
    """The instruction sentences of the bills copied into the tests (real texts)."""
    cases = json.loads((FIXTURES / "bills" / "cases.json").read_text("utf-8"))
    lines = [line for case in cases for line in case["text"].splitlines() if len(line) > 20]
    return tuple(dict.fromkeys(lines))


@cache
def real_bills() -> tuple[str, ...]:
    cases = json.loads((FIXTURES / "bills" / "cases.json").read_text("utf-8"))
    return tuple(case["text"] for case in cases if len(case["text"]) < 20_000)


# ---------------------------------------------------------------------------
# Mutated text

HOSTILE = ["« ", " »", "«", "»", "\"", "’", "°", "o", "\u00a0", "\u202f", "\t", "\n", "\r",
           "\ufeff", "⟨0⟩", "⟨9⟩", "ı", "ſ", "İ", "K", "\u0301", "\x00", "\u2028", "\x85",
           "\u200b", "𝟙", "²", "Ⅳ", "<b>", "&amp;", "# ", "Art. L. 1. – ", "Article 1er\n",
           "Article 2\n", "Chapitre II\n", "L. ", "1°", "1o", "I. –", "II.-", "a)", "bis",
           "premier", "alinéa", "phrase", "le mot : ", "les mots : ",
           " sont remplacés par les mots : ", " est supprimé", " sont abrogés",
           " ainsi rédigé :", " est complété par ", " du même code", " respectivement",
           " partout où ils figurent", " après ", "Le code électoral est ainsi modifié :\n",
           "99999999999999999999", "9" * 5000, "3° à 99999999999999999999°", " " * 3000,
           "\u00a0" * 500, "-", ":", ";", ".", "(", ")", "…"]


@st.composite
def mutated(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> str:
    """A real text with a few edits: hostile tokens inserted, spans deleted, duplicated or
    replaced by arbitrary text, the case changed."""
    text = draw(texts)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        end = min(len(text), at + draw(st.integers(0, 30)))
        action = draw(st.integers(0, 4))
        if action == 0:
            text = text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]
        elif action == 1:
            text = text[:at] + text[end:]
        elif action == 2:
            text = text[:end] + text[at:end] + text[end:]
        elif action == 3:
            text = text[:at] + draw(st.text(max_size=12)) + text[end:]
        else:
            text = text[:at] + text[at:end].swapcase() + text[end:]
    return text


def sentences() -> st.SearchStrategy[str]:
    return st.sampled_from(real_sentences())


def bills() -> st.SearchStrategy[str]:
    one = st.builds(lambda s: "Article 1er\n" + s, sentences())
    many = st.lists(sentences(), min_size=1, max_size=6).map(
        lambda xs: "Article 1er\nLe code de la sécurité intérieure est ainsi modifié :\n"
                   + "\n".join(xs))
    return st.one_of(mutated(one), mutated(many), mutated(st.sampled_from(real_bills())),
                     st.text(max_size=300), st.builds(lambda s: "Article 1er\n" + s,
                                                      st.text(max_size=300)))


T = TypeVar("T")


def attempt(action: Callable[[], T]) -> tuple[T | None, str | None]:
    """The value of ``action``, or the code of the :class:`LegidiffError` it raised; any
    other exception goes through (and fails the test)."""
    try:
        return action(), None
    except LegidiffError as e:
        return None, e.code


def check_consolidation(result: Consolidation) -> None:
    """Every failure carries a diagnostic, with a code of ``CODES``."""
    for r in result.results:
        assert all(d.code in CODES for d in r.diagnostics), r
        if r.status in (Status.FAILED, Status.UNRECOGNIZED, Status.OUT_OF_SCOPE):
            assert r.diagnostics, r


# ---------------------------------------------------------------------------
# Nothing but LegidiffError, and a code on every failure


@SETTINGS
@given(bills(), st.booleans())
def test_any_bill_parses_and_applies_without_crash(text: str, unwrap: bool) -> None:
    bill, error = attempt(lambda: parse_bill(text, unwrap=unwrap,
                                             code="code de la sécurité intérieure"))
    if bill is None:
        assert error in CODES
        return
    assert all(d.code in CODES for d in bill.diagnostics)
    result = consolidate(example_base(), bill)
    check_consolidation(result)
    # a text Markdown cannot hold (LD105) is said, not written
    _, error = attempt(lambda: render(output_code(result), Format.MARKDOWN))
    assert error is None or error in CODES


def _article_texts() -> st.SearchStrategy[str]:
    base = example_base()
    md = markdown.write(base)
    return st.one_of(st.just(md), st.just(blocks.write(base)), st.just(jsonfmt.write(base)),
                     st.sampled_from([markdown.write(Code(base.title, (p.article,)))
                                      for p in base.articles()]))


@SETTINGS
@given(st.one_of(mutated(_article_texts()), st.text(max_size=400)))
def test_readers_raise_only_legidiff_errors(text: str) -> None:
    readers: list[Callable[[], Code]] = [lambda: markdown.read(text, Path("x.md"), []),
                                         lambda: blocks.read(text, Path("x.txt"), []),
                                         lambda: jsonfmt.read(text, Path("x.json"))]
    for read in readers:
        code, error = attempt(read)
        assert isinstance(code, Code) or error in CODES


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["format", "version", "title", "children", "type", "num", "alineas",
                         "kind", "number", "heading", "text", "markup", "meta", "layout",
                         "source_format", "id", "before"]), inner, max_size=6),
    max_leaves=20)


@SETTINGS
@given(JSON_VALUES, st.booleans())
def test_the_json_reader_takes_any_structure(value: object, framed: bool) -> None:
    if framed and isinstance(value, dict):
        value = {"format": "legidiff-code", "version": 1, **value}
    code, error = attempt(lambda: jsonfmt.read(json.dumps(value), Path("x.json")))
    assert isinstance(code, Code) or error in CODES


# ---------------------------------------------------------------------------
# Edits of a real base, their draft, and bills that fail


WORDS = ("recteur", "zorglub", "Conseil d'État", "dans le délai de trois mois", "L. 811-3")


LABEL_STYLES = ("-", " - ", " – ", "\u00a0–\u00a0", "-\u00a0")


def styled(style: str) -> Code:
    """The example base with its labels written "I.-" (LEGI), "I. - ", "I. – " (other real
    sources): the same text for a drafter."""
    def restyle(node: Article | Division) -> Article | Division:
        if isinstance(node, Article):
            return dataclasses.replace(node, alineas=tuple(
                dataclasses.replace(a, text=re.sub(r"^([IVX]+)\.-", rf"\1.{style}", a.text))
                for a in node.alineas))
        return dataclasses.replace(node, children=tuple(restyle(c) for c in node.children))

    base = example_base()
    return dataclasses.replace(base, children=tuple(restyle(c) for c in base.children))


BASES = st.sampled_from(LABEL_STYLES).map(styled)
_LABEL_RE = re.compile(r"^(?:[IVX]+(?: bis)?\.[\s\u00a0]*[-–][\s\u00a0]*|\d+° |[a-z]\) )")


@st.composite
def edited(draw: st.DrawFn, base: Code | None = None) -> Code:
    """A base with a few edits of its articles: words replaced, inserted or deleted (often
    the first words after a label), alinéas inserted or deleted, an article rewritten."""
    base = base if base is not None else example_base()
    articles = {p.article.key: p.article for p in base.articles()}
    keys = sorted(articles)
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.sampled_from(keys))
        article = articles[key]
        alineas = list(article.alineas)
        action = draw(st.integers(0, 5))
        if action <= 2 and alineas:
            i = draw(st.integers(0, len(alineas) - 1))
            label = _LABEL_RE.match(alineas[i].text)
            head = label.group() if label else ""
            words = alineas[i].text[len(head):].split(" ")
            j = 0 if head and draw(st.booleans()) else draw(st.integers(0, len(words) - 1))
            if action == 0:
                words[j] = draw(st.sampled_from(WORDS))
            elif action == 1:
                words.insert(j, draw(st.sampled_from(WORDS)))
            elif len(words) > 3:
                del words[j]
            alineas[i] = Alinea(head + " ".join(words))
        elif action == 3:
            word = draw(st.sampled_from(WORDS))
            alineas.insert(draw(st.integers(0, len(alineas))),
                           Alinea(f"Un alinéa nouveau mentionne le {word}."))
        elif action == 4 and len(alineas) > 1:
            del alineas[draw(st.integers(0, len(alineas) - 1))]
        elif action == 5:
            alineas = [Alinea("Le présent article est entièrement réécrit.")]
        articles[key] = dataclasses.replace(article, alineas=tuple(alineas))

    def rebuild(node: Article | Division) -> Article | Division:
        if isinstance(node, Article):
            return articles[node.key]
        return dataclasses.replace(node, children=tuple(rebuild(c) for c in node.children))

    return dataclasses.replace(base, children=tuple(rebuild(c) for c in base.children))


def article_map(code: Code) -> dict[str, tuple[Alinea, ...]]:
    return {p.article.key: p.article.alineas for p in code.articles()}


@st.composite
def old_and_new(draw: st.DrawFn) -> tuple[Code, Code]:
    old = draw(BASES)
    return old, draw(edited(old))


@FEW
@given(old_and_new())
def test_draft_then_apply_gives_the_new_text(case: tuple[Code, Code]) -> None:
    old, new = case
    written = draft(old, new)
    bill = parse_bill(written.text)
    result = consolidate(old, bill)
    got, want = article_map(result.code), article_map(new)
    reproduced = (result.complete and not bill.unrecognized and got.keys() == want.keys()
                  and all(same_alineas(got[k], want[k]) for k in want))
    assert written.checked == reproduced  # "vérifié" only when it is so
    assert reproduced, written.text
    # and byte for byte: the edits here keep one space between words, so the engine, which
    # keeps the text's own spacing around what it changes, must give the new text exactly
    assert {k: [a.text for a in v] for k, v in got.items()} == {
        k: [a.text for a in v] for k, v in want.items()}, written.text
    # the articles the draft does not change are byte for byte those of the base
    before = {p.article.key: p.article for p in old.articles()}
    for path in result.code.articles():
        if path.article.key not in result.changes:
            assert path.article == before[path.article.key]


BAD = [
    "À l'article L. 999-9, le mot : « préfet » est remplacé par le mot : « recteur ».",
    "Au 9° du I de l'article L. 821-1, le mot : « Etat » est supprimé.",
    "À l'article L. 821-1, les mots : « zorglub glop » sont remplacés par les mots : « x ».",
    "À l'article L. 821-1, la centième occurrence du mot : « de » est supprimée.",
    "À l'article L. 821-1, le mot : « de » est remplacé par le mot : « du ».",
    "Après l'article L. 811-4, il est inséré un article L. 811-4 ainsi rédigé :\n"
    "« Art. L. 811-4. – Texte. »",
    "Le septième alinéa de l'article L. 227-1 est supprimé.",
    "La cinquième phrase du dernier alinéa de l'article L. 811-4 est supprimée.",
    "L'article L. 853-9 est abrogé.",
    "Après le 3° de l'article L. 811-4, il est inséré un 3° bis ainsi rédigé :\n« 3° bis Texte ; »",
]


@st.composite
def bill_with_failures(draw: st.DrawFn) -> tuple[Code, str]:
    new = draw(edited())
    good = draft(example_base(), new).text.split("\n", 1)[1]
    bad = draw(st.lists(st.sampled_from(BAD), min_size=1, max_size=3))
    lines = [*bad, good] if draw(st.booleans()) else [good, *bad]
    return new, ("Article 1er\n" + "\n".join(lines)).replace(
        "\n« ", "\n« ")


def _with_code(text: str) -> Bill:
    return parse_bill(text, code="code de la sécurité intérieure")


@FEW
@given(bill_with_failures())
def test_a_failed_instruction_changes_nothing(case: tuple[Code, str]) -> None:
    _, text = case
    base = example_base()
    bill = _with_code(text)
    result = consolidate(base, bill)
    check_consolidation(result)
    failed = {(r.source.line, r.source.column, r.kind, r.target) for r in result.results
              if r.status is Status.FAILED}
    assert failed
    kept = tuple(op for op in bill.operations
                 if (op.source.line, op.source.column, op.kind, str(op.target)) not in failed)
    without = consolidate(base, dataclasses.replace(bill, operations=kept))
    # the same tree, provenance included: the failures left no trace
    assert without.code.children == result.code.children
    # and each instruction that fails alone leaves the base as it is, node for node
    for op in bill.operations:
        alone = consolidate(base, dataclasses.replace(bill, operations=(op,)))
        if alone.results[0].status is Status.FAILED:
            assert all(a is b for a, b in zip(alone.code.children, base.children, strict=True))


@FEW
@given(bill_with_failures())
def test_untouched_articles_are_byte_identical(case: tuple[Code, str]) -> None:
    _, text = case
    base = example_base()
    result = consolidate(base, _with_code(text))
    before = {p.article.key: p.article for p in base.articles()}
    untouched = [p.article for p in result.code.articles() if p.article.key not in result.changes]
    assert all(a is before[a.key] for a in untouched)
    # and so in the output: each untouched article is written as the base wrote it
    written, original = render(output_code(result), Format.MARKDOWN), render(base, Format.MARKDOWN)
    for article in untouched:
        alone = markdown.write(Code(base.title, (article,))).split("\n", 2)[2]
        assert alone in original and alone in written
    assert [e for e in content(result.code) if e.key not in result.changes] == [
        e for e in content(base) if e.key not in result.changes]


# ---------------------------------------------------------------------------
# The same run gives the same bytes, whatever the hash seed


def _run(tmp: Path, seed: str) -> dict[str, bytes]:
    out = tmp / seed
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed}
    base = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
    bill = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"
    extra = out / "loi.txt"
    extra.write_text("Article 1er\nLe code de la sécurité intérieure est ainsi modifié :\n"
                     "1° À l'article L. 999-1, le mot : « a » est supprimé ;\n"
                     "2° À l'article L. 822-2, le mot : « recueil » est remplacé par.\n",
                     "utf-8")
    commands = [
        ["apply", str(base), str(bill), "-o", str(out / "out.md"), "--report",
         str(out / "r.json"), "--html", str(out / "r.html")],
        ["apply", str(base), str(extra), "-o", str(out / "partial.json"), "--partial",
         "--report", str(out / "partial-r.json")],
        ["draft", str(base), str(out / "out.md"), "-o", str(out / "draft.txt")],
        ["parse", str(bill), "--json"],
    ]
    got: dict[str, bytes] = {}
    for k, command in enumerate(commands):
        done = subprocess.run([sys.executable, "-m", "legidiff", *command], env=env,
                              capture_output=True, cwd=tmp, check=False, timeout=120)
        got[f"{k}:stdout"] = done.stdout
        got[f"{k}:rc"] = str(done.returncode).encode()
    for path in sorted(out.iterdir()):
        got[path.name] = path.read_bytes().replace(str(out).encode(), b"OUT")
    return got


def test_the_same_run_gives_the_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    first, second = _run(tmp_path, "1"), _run(tmp_path, "4242")
    assert first.keys() == second.keys()
    assert first["0:rc"] == b"0" and first["1:rc"] == b"1"
    assert {"out.md", "r.json", "r.html", "partial.json", "draft.txt"} <= first.keys()
    for name in first:
        assert first[name] == second[name], name


@FEW
@given(bill_with_failures())
def test_the_same_consolidation_twice_is_the_same(case: tuple[Code, str]) -> None:
    _, text = case
    base = example_base()
    one = consolidate(base, _with_code(text))
    two = consolidate(base, _with_code(text))
    assert render(output_code(one), Format.JSON) == render(output_code(two), Format.JSON)
    assert [r.to_json() for r in one.results] == [r.to_json() for r in two.results]


@pytest.mark.parametrize("text", ["", "\n", "Article 1er\n", "\ufeffArticle 1er\n« »"])
def test_trivial_bills(text: str) -> None:
    check_consolidation(consolidate(example_base(), parse_bill(text)))
