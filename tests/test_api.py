"""The public API: everything here comes from ``import legidiff`` / ``from legidiff import …``
(no submodule), on the bundled example; and the README's "Python API" example runs."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import legidiff
from legidiff import (
    Alinea,
    Article,
    Base,
    Bill,
    Code,
    Consolidation,
    Diagnostic,
    Division,
    Draft,
    Format,
    InputError,
    LegidiffError,
    Location,
    Locator,
    Severity,
    Status,
    amend,
    amended_bill,
    apply_bill,
    compare,
    consolidate,
    draft,
    mark_failures,
    parse_bill,
    parse_locator,
    read_base,
    read_debate,
    render_redline,
    render_table,
    report,
    resolve,
    select,
    unified_diff,
    write_base,
    write_bill,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BASE = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
BILL = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"
TRANSCRIPT = EXAMPLES / "senat-seance-2021-06-29-extrait.txt"
ORIGIN = "Projet de loi relatif à la prévention d'actes de terrorisme et au renseignement"
ITEM_1 = ("1° Trente jours à compter de leur recueil pour les correspondances interceptées en "
          "application des articles L. 852-1{} ;")

# The names the API documents (legidiff/__init__.py); more may be added, none removed.
DOCUMENTED = ["read_base", "write_base", "Base", "Format", "parse_bill", "parse_locator", "Bill",
              "consolidate", "Consolidation", "Result", "Status", "mark_failures", "apply_bill",
              "compare", "unified_diff", "render_redline", "render_table", "report", "draft",
              "Draft", "read_debate", "read_amendments_file", "select", "amend", "Amended",
              "write_bill", "amended_bill", "Locator", "resolve", "Target", "Code", "Division",
              "Article", "Alinea", "Diagnostic", "Severity", "Location", "LegidiffError",
              "InputError", "__version__"]


def test_the_documented_names_are_exported() -> None:
    assert sorted(set(legidiff.__all__)) == legidiff.__all__
    assert set(DOCUMENTED) <= set(legidiff.__all__)
    for name in legidiff.__all__:
        assert getattr(legidiff, name) is not None, name
    # legidiff.draft is the function, not the module of the same name
    assert callable(legidiff.draft) and legidiff.draft is draft
    namespace: dict[str, object] = {}
    exec("from legidiff import *", namespace)
    assert set(legidiff.__all__) <= set(namespace)


def test_version_is_the_package_version() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert legidiff.__version__ == pyproject["project"]["version"]
    assert legidiff.__version__ == importlib.metadata.version("legidiff")


@pytest.fixture(scope="module")
def example() -> tuple[Base, Bill, Consolidation]:
    base = read_base(BASE)
    bill = parse_bill(BILL.read_text("utf-8"))
    return base, bill, consolidate(base.code, bill, path=str(BILL))


def _texts(code: Code) -> list[tuple[str, list[str]]]:
    return [(p.article.num, [a.text for a in p.article.alineas]) for p in code.articles()]


def test_read_parse_consolidate(example: tuple[Base, Bill, Consolidation]) -> None:
    base, bill, result = example
    assert base.format is Format.MARKDOWN and base.code.title == "Code de la sécurité intérieure"
    assert isinstance(base.code, Code)
    assert all(isinstance(n, Division) for n in base.code.children)
    assert bill.title == ORIGIN
    assert len(bill.operations) == 10 and not bill.unrecognized
    assert result.complete and result.counts() == {"applied": 10, "standalone": 2}
    assert [r.status for r in result.results].count(Status.APPLIED) == 10
    assert result.base is base.code
    # the 1° of the I of L. 822-2: one reference replaced by two
    where = parse_locator("le 1° du I de l'article L. 822-2")
    assert where == Locator.parse("art_L822-2/lab_I/lab_1°")
    assert resolve(base.code, where).text == ITEM_1.format(" et L. 852-2")
    assert resolve(result.code, where).text == ITEM_1.format(", L. 852-2 et L. 852-3")
    # L. 852-3 is created, with its five alinéas, after L. 852-2
    created = resolve(result.code, parse_locator("l'article L. 852-3")).article
    assert isinstance(created, Article) and len(created.alineas) == 5
    assert created.alineas[0].text.startswith("I. – Dans les conditions prévues au chapitre "
                                              "Ier du titre II du présent livre")
    assert all(isinstance(a, Alinea) and a.origin == f"{ORIGIN}, article 11, I, 2°"
               for a in created.alineas)
    numbers = [num for num, _ in _texts(result.code)]
    assert numbers.index("L852-3") == numbers.index("L852-2") + 1
    assert set(result.provenance) == {"L822-2", "L852-3", "L853-2", "L853-3", "L871-3",
                                      "L871-6", "L871-7"}
    # the articles the bill does not name are untouched (and shared)
    before = {p.article.num: p.article for p in base.code.articles()}
    untouched = [p.article for p in result.code.articles() if p.article.key
                 not in result.provenance]
    assert untouched and all(a is before[a.num] for a in untouched)
    assert _texts(mark_failures(result)) == _texts(result.code)  # nothing failed: no marker


def test_views(example: tuple[Base, Bill, Consolidation]) -> None:
    base, bill, result = example
    view = compare(base.code, result.code, result, bill)
    assert [a.number for a in view.articles] == ["L. 822-2", "L. 852-3", "L. 853-2",
                                                 "L. 853-3", "L. 871-3", "L. 871-6",
                                                 "L. 871-7"]
    html = render_redline(view)
    assert html.startswith("<!DOCTYPE html>") and "L. 852-3" in html
    assert "texte consolidé" in render_table(view).lower()
    diff = unified_diff(base.code, result.code, "csi.md")
    assert "+" + ITEM_1.format(", L. 852-2 et L. 852-3") in diff.splitlines()
    assert "-" + ITEM_1.format(" et L. 852-2") in diff.splitlines()


def test_report_json(example: tuple[Base, Bill, Consolidation]) -> None:
    base, bill, result = example
    data = json.loads(json.dumps(report(bill.title, str(BILL), [(base, result)])))
    assert (data["format"], data["version"], data["complete"]) == ("legidiff-report", 1, True)
    assert data["counts"] == {"applied": 10, "standalone": 2}
    assert data["dates"] == ["2025-07-31"]
    (entry,) = data["bases"]
    assert entry["changed_articles"]["L822-2"] == [f"{ORIGIN}, article 11, I, 1°"]
    replaced = next(r for r in entry["results"] if r.get("bill_ref") == "article 11, I, 1°")
    assert replaced["after"] == ITEM_1.format(", L. 852-2 et L. 852-3")


def test_draft_back(example: tuple[Base, Bill, Consolidation]) -> None:
    base, _, result = example
    back = draft(base.code, result.code)
    assert isinstance(back, Draft) and back.checked
    assert "il est inséré un article L. 852-3 ainsi rédigé" in back.text
    # checked means: parsed and applied to the base, the instructions give the result
    again = consolidate(base.code, parse_bill(back.text))
    assert again.complete and _texts(again.code) == _texts(result.code)


def test_write_and_read_back(tmp_path: Path, example: tuple[Base, Bill, Consolidation]) -> None:
    _, _, result = example
    out = tmp_path / "csi.json"
    assert write_base(result.code, out) is Format.JSON
    again = read_base(out)
    assert again.format is Format.JSON and _texts(again.code) == _texts(result.code)
    with pytest.raises(InputError) as caught:
        write_base(result.code, out, inputs=(out,))
    assert caught.value.code == "LD105"  # an input is never overwritten


def test_apply_bill_to_several_bases() -> None:
    bases = [read_base(BASE), read_base(EXAMPLES / "csi-extrait.md")]
    application = apply_bill(bases, parse_bill(BILL.read_text("utf-8")), path="pjl.txt")
    (first, one), (second, other) = application.runs
    assert (first, second) == (bases[0], bases[1])
    assert one.complete and one.counts() == {"applied": 10, "standalone": 2}
    # the extract lacks the articles the bill changes: each instruction fails there
    assert not other.complete and other.counts() == {"failed": 10, "standalone": 2}
    assert not application.complete
    assert all(d.location is not None and d.location.path == "pjl.txt"
               for r in other.failures for d in r.diagnostics)


def test_errors_are_legidiff_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_base(tmp_path / "absent.md")
    error = caught.value
    assert isinstance(error, LegidiffError) and error.code == "LD101"
    assert error.diagnostic == Diagnostic("LD101", Severity.ERROR, error.message,
                                          Location(str(tmp_path / "absent.md")))
    with pytest.raises(LegidiffError) as unknown:
        resolve(read_base(BASE).code, parse_locator("l'article L. 999-9"))
    assert unknown.value.code == "LD120"


def test_debate_and_amendments() -> None:
    debate = read_debate(TRANSCRIPT.read_text("utf-8"), str(TRANSCRIPT))
    assert [a.number for a in debate.amendments] == ["73", "55", "56", "24", "26", "74",
                                                     "27", "90"]
    chosen = select(debate.amendments, numbers={"27", "90"})
    amended = amend(debate.bill(), chosen, str(TRANSCRIPT))
    statuses = {o.amendment.number: o.status.value for o in amended.outcomes}
    assert statuses == {"27": "applied", "90": "fallen"} and amended.complete
    # the same through the workflow of `legidiff amend`
    again = amended_bill(TRANSCRIPT, numbers={"27", "90"})
    assert write_bill(again) == write_bill(amended)
    with pytest.raises(InputError, match="inconnu"):
        amended_bill(TRANSCRIPT, numbers={"999"})


def test_python_m_legidiff() -> None:
    done = subprocess.run([sys.executable, "-m", "legidiff", "--version"], capture_output=True,
                          text=True, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, f"legidiff {legidiff.__version__}")


def _readme_api_code() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert blocks, "no python block in the README's Python API section"
    return "\n".join(blocks)


def test_readme_python_api_example_runs(tmp_path: Path) -> None:
    code = _readme_api_code()
    assert re.findall(r"^\s*(?:from|import) (\S+)", code, re.MULTILINE) == ["legidiff"]
    # run from a temporary folder holding only the examples, so that the source folder
    # cannot stand in for the installed package
    (tmp_path / "examples").symlink_to(EXAMPLES)
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "True {'applied': 10, 'standalone': 2}"
    assert ITEM_1.format(", L. 852-2 et L. 852-3") in lines
    assert lines[-1] == "True"
    assert read_base(tmp_path / "out" / "csi-consolide.json").code.count_articles() == \
        read_base(BASE).code.count_articles() + 1
