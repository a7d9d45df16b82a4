"""The optional accelerator (``python -m legidiff.accelerate``): the compiled modules
read every sentence and apply every operation as the pure ones do, and are used only
when they are current.

The comparisons run when the accelerator is built and skip with a message otherwise (CI
installs the project without it); the choice between compiled and pure is tested always."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, ROOT, corpus_path

import legidiff
import legidiff._compiled
from legidiff import accelerate
from legidiff._compiled import MANIFEST, PURE_ENV, compiled_folder, source_digest

PACKAGE = Path(legidiff.__file__).resolve().parent


def _built() -> None:
    """Skip unless the accelerator is built and current (``LEGIDIFF_PURE`` aside: the
    comparisons set it themselves)."""
    saved = os.environ.pop(PURE_ENV, None)
    try:
        folders = [compiled_folder([str(PACKAGE / package)]) for package in accelerate.PACKAGES]
    finally:
        if saved is not None:
            os.environ[PURE_ENV] = saved
    if None in folders:
        pytest.skip("the accelerator is not built (or not current): python -m "
                    "legidiff.accelerate builds it; the pure modules are tested")


def _run(code: str, *, pure: bool, timeout: int = 900) -> str:
    """What ``code`` prints in a fresh Python, with the compiled modules or without."""
    env = {k: v for k, v in os.environ.items() if k != PURE_ENV}
    if pure:
        env[PURE_ENV] = "1"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), str(ROOT)])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True, timeout=timeout, cwd=str(ROOT.parent))
    return done.stdout


_WHICH = ("import importlib, json\n"
          f"print(json.dumps({{m: importlib.import_module('legidiff.' + m).__file__ "
          f"for m in {list(accelerate.MODULES)!r}}}))")


def test_the_compiled_modules_are_used_all_or_none() -> None:
    _built()
    compiled = json.loads(_run(_WHICH, pure=False))
    pure = json.loads(_run(_WHICH, pure=True))
    assert all(not f.endswith(".py") for f in compiled.values()), compiled
    assert all(f.endswith(".py") for f in pure.values()), pure
    assert set(compiled) == set(accelerate.MODULES) and len(compiled) >= 20


def test_the_compiled_modules_parse_the_bills_of_the_fixtures_as_the_pure_ones() -> None:
    _built()
    code = ("import json\n"
            "from legidiff.bill.parse import parse_bill\n"
            f"cases = json.loads(open({str(FIXTURES / 'bills' / 'cases.json')!r}, "
            "encoding='utf-8').read())\n"
            "for c in cases:\n"
            "    bill = parse_bill(c['text'], unwrap=c['unwrap'], code=c['code'])\n"
            "    print(json.dumps(bill.to_json(), ensure_ascii=False, sort_keys=True))\n")
    compiled = _run(code, pure=False)
    assert compiled.count("\n") >= 50
    assert compiled == _run(code, pure=True)


def test_the_compiled_modules_read_the_corpus_as_the_pure_ones() -> None:
    """Every item, adaptation sentence and whole bill of the instruction corpus: the
    prepared sentences and the parsed bills (``benchmarks/parse_digest.py``)."""
    _built()
    corpus = corpus_path("instructions")
    code = ("import sys, json\n"
            f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
            "from pathlib import Path\n"
            "from parse_digest import digest\n"
            f"for row in digest(Path({str(corpus.parent)!r})):\n"
            "    print(json.dumps(row, ensure_ascii=False, sort_keys=True))\n")
    compiled = _run(code, pure=False)
    assert compiled.count("\n") > 8000
    assert compiled == _run(code, pure=True)


def test_the_compiled_modules_apply_a_bill_of_every_kind_as_the_pure_ones() -> None:
    """The benchmark's law of 1,000 instructions of eleven kinds on the whole code du
    travail (``benchmarks/run.py``): every result, and the whole consolidated code."""
    _built()
    folder = corpus_path("codes", "code-du-travail")
    code = ("import sys, json, hashlib\n"
            f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
            "from run import make_law\n"
            "from legidiff.apply.consolidate import consolidate\n"
            "from legidiff.bill.parse import parse_bill\n"
            "from legidiff.formats import Format, read_base, render\n"
            f"base = read_base({str(folder)!r}).code\n"
            "text, kinds = make_law(base, 'code du travail', 1000)\n"
            "result = consolidate(base, parse_bill(text))\n"
            "print(json.dumps(result.counts(), sort_keys=True))\n"
            "for r in result.results:\n"
            "    print(json.dumps([r.status.value, r.kind, r.target, r.address, r.before, "
            "r.after, [(d.code, d.message) for d in r.diagnostics]], ensure_ascii=False))\n"
            "print(json.dumps(sorted(result.changes.items())))\n"
            "print(json.dumps(sorted(result.provenance.items()), ensure_ascii=False))\n"
            "print(render(result.code, Format.MARKDOWN))\n")
    compiled = _run(code, pure=False)
    assert '"applied": 1000' in compiled.splitlines()[0]
    assert compiled == _run(code, pure=True)


def test_the_compiled_modules_replay_the_real_changes_as_the_pure_ones() -> None:
    """The 684 real instructions of ``replay-2`` applied to their whole codes
    (``benchmarks/replay.py``): the same outcome for each, with the same differences from
    the official text where there are some."""
    _built()
    corpus = corpus_path("replay-2").parent
    code = ("import sys, json\n"
            f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
            "from pathlib import Path\n"
            "import replay\n"
            f"records = list(enumerate(replay.load(Path({str(corpus)!r}))))\n"
            f"for outcome in replay.run(Path({str(corpus)!r}), records, False):\n"
            "    row = outcome.to_json()\n"
            "    del row['seconds']\n"
            "    print(json.dumps(row, ensure_ascii=False, sort_keys=True))\n")
    compiled = _run(code, pure=False, timeout=1800)
    assert compiled.count("\n") == 684 and '"class": "exact"' in compiled
    assert compiled == _run(code, pure=True, timeout=1800)


# ---------------------------------------------------------------------------
# Which modules are used (always tested: a fake build in a temporary folder)


def _fake_build(tmp_path: Path, digest: str | None = None, python: str | None = None) -> Path:
    package = tmp_path / "bill"
    folder = package / "_accel"
    folder.mkdir(parents=True)
    (package / "grammar.py").write_text("X = 1\n", "utf-8")
    (folder / "grammar.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    manifest = {"python": python or sys.implementation.cache_tag,
                "modules": {"grammar": digest or source_digest(package / "grammar.py")}}
    (folder / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    return package


def test_a_current_build_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PURE_ENV, raising=False)
    package = _fake_build(tmp_path)
    assert compiled_folder([str(package)]) == package / "_accel"
    assert legidiff._compiled.use_compiled([str(package)]) == [
        str(package / "_accel"), str(package)]


def test_a_source_edited_since_the_build_leaves_the_build_unused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PURE_ENV, raising=False)
    package = _fake_build(tmp_path)
    (package / "grammar.py").write_text("X = 2\n", "utf-8")
    assert compiled_folder([str(package)]) is None
    assert legidiff._compiled.use_compiled([str(package)]) == [str(package)]


@pytest.mark.parametrize("damage", ["other python", "no module", "no manifest", "bad manifest",
                                    "pure asked"])
def test_a_build_that_does_not_fit_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.delenv(PURE_ENV, raising=False)
    package = _fake_build(tmp_path, python="cpython-27" if damage == "other python" else None)
    if damage == "no module":
        for so in (package / "_accel").glob("*.so"):
            so.unlink()
    elif damage == "no manifest":
        (package / "_accel" / MANIFEST).unlink()
    elif damage == "bad manifest":
        (package / "_accel" / MANIFEST).write_text("{", "utf-8")
    elif damage == "pure asked":
        monkeypatch.setenv(PURE_ENV, "1")
    assert compiled_folder([str(package)]) is None


# ---------------------------------------------------------------------------
# The reductions as _Reducer objects (what the compiled grammar module uses), tested in
# pure Python against the reductions made as code at run time


def _fixture_sentences() -> list[str]:
    from legidiff.bill.sentence import prepare
    from legidiff.bill.text import BillItem, read_bill

    cases = json.loads((FIXTURES / "bills" / "cases.json").read_text("utf-8"))
    out: list[str] = []

    def walk(items: tuple[BillItem, ...]) -> None:
        for item in items:
            if item.text.strip():
                out.append(prepare(item.text.strip()).text)
            walk(item.children)

    for case in cases:
        for article in read_bill(case["text"], unwrap_lines=case["unwrap"]).articles:
            walk(article.items)
    return out


def test_the_reducer_objects_read_as_the_generated_reductions(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from legidiff.bill import grammar
    from legidiff.bill.sentence import _ToParts

    if grammar._COMPILED:
        pytest.skip("the grammar module runs compiled: its typed loop takes _Reducer objects "
                    "alone (the comparisons of the whole corpus above check it)")

    def read(parser: grammar.FastLALR, text: str) -> str:
        try:
            return repr(parser.parse(text))
        except Exception as e:  # the same refusal, by the same exception, at the same token
            # (not its message: the order of the terminals it lists varies between parsers)
            token = getattr(e, "token", None)
            return f"{type(e).__name__} {token!r} {getattr(token, 'start_pos', None)}"

    def built(compiled: bool) -> grammar.FastLALR:
        monkeypatch.setattr(grammar, "_COMPILED", compiled)
        parser = grammar.transforming_parser("instructions", _ToParts(),
                                             start=["start", "locator"],
                                             inlined_as_children=True)
        reducers = {a[2] for acts in parser._actions.values() for s, a in acts.values()
                    if not s and a[2] is not None}
        kinds = {type(r).__name__ if compiled else r.run.__qualname__ for r in reducers}
        assert kinds == ({"_Reducer"} if compiled else {"reduce"})
        return parser

    generated, objects = built(False), built(True)
    sentences = _fixture_sentences()
    assert len(sentences) > 150
    read_twice = sentences * 2  # the second time, pure rules' values come from memory
    assert [read(objects, s) for s in read_twice] == [read(generated, s) for s in read_twice]
