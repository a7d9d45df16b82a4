"""The JSON Schemas of ``legidiff/schemas/`` (draft 2020-12): every JSON output of the
command line, produced here on the bundled example and the test fixtures, validates
against its schema; each schema rejects broken documents; the definitions shared by
several schemas are the same in each."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from support import EXAMPLES, FIXTURES, GOLDEN

from legidiff.apply.consolidate import consolidate
from legidiff.bill.parse import parse_bill
from legidiff.cli import main
from legidiff.formats import read_base
from legidiff.render.report import report

jsonschema = pytest.importorskip("jsonschema")

BASE = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
BILL = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"
TRANSCRIPT = EXAMPLES / "senat-seance-2021-06-29-extrait.txt"
EXTRACT = EXAMPLES / "csi-extrait.md"
AFTER = GOLDEN / "apply" / "csi-livre-viii-apres.md"

# schema file → the "format" of its documents
FORMATS = {"code-v1.schema.json": "legidiff-code", "report-v1.schema.json": "legidiff-report",
           "bill-v1.schema.json": "legidiff-bill", "debate-v1.schema.json": "legidiff-debate",
           "draft-v1.schema.json": "legidiff-draft", "amend-v1.schema.json": "legidiff-amend",
           "map-v1.schema.json": "legidiff-map", "unit-v1.schema.json": "legidiff-unit"}
OPERATION_KINDS = {"replace_words", "delete_words", "insert_words", "rewrite_end",
                   "rewrite_start", "delete_end",
                   "rewrite", "complete", "insert_units", "delete", "repeal", "restore",
                   "renumber"}

Json = Any


def schema(name: str) -> dict[str, Any]:
    """A schema as the installed package ships it."""
    text = resources.files("legidiff").joinpath("schemas", name).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validator(name: str) -> Any:
    return jsonschema.Draft202012Validator(
        schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def check(name: str, document: Json) -> None:
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message[:300]}"
                                 for e in errors[:5])


def cli_json(capsys: pytest.CaptureFixture[str], *args: object, code: int = 0) -> Json:
    assert main([str(a) for a in args]) == code
    return json.loads(capsys.readouterr().out)


def written_json(path: Path) -> Json:
    return json.loads(path.read_text("utf-8"))


def test_the_schemas_are_shipped_and_valid() -> None:
    shipped = {p.name for p in resources.files("legidiff").joinpath("schemas").iterdir()
               if p.name.endswith(".schema.json")}
    assert shipped == set(FORMATS)
    for name, format_name in FORMATS.items():
        document = schema(name)
        jsonschema.Draft202012Validator.check_schema(document)
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert document["$id"].endswith("/" + name)
        top = document["$defs"]["map"] if name.startswith("map-") else document
        assert top["properties"]["format"] == {"const": format_name}
        assert top["properties"]["version"] == {"const": 1}
        assert {"format", "version"} <= set(top["required"])


def test_shared_definitions_are_identical() -> None:
    seen: dict[str, tuple[str, Json]] = {}
    for name in FORMATS:
        for key, definition in schema(name).get("$defs", {}).items():
            if key in seen:
                assert definition == seen[key][1], f"$defs/{key}: {name} ≠ {seen[key][0]}"
            else:
                seen[key] = (name, definition)
    assert {"diagnostic", "source", "result"} <= set(seen)


# ---------------------------------------------------------------------------
# Real outputs


def test_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    assert main(["apply", str(BASE), str(BILL), "--report", str(out), "-q"]) == 0
    documents = [written_json(out)]
    # two bases: the extract lacks the articles the bill changes (failures)
    assert main(["apply", str(BASE), str(EXTRACT), str(BILL), "--report", str(out),
                 "-q"]) == 1
    documents.append(written_json(out))
    # every real bill of the fixtures applied to the example: out of scope, failed,
    # unrecognized, standalone
    base = read_base(BASE)
    for case in json.loads((FIXTURES / "bills" / "cases.json").read_text("utf-8")):
        bill = parse_bill(case["text"], title=case["title"], unwrap=case["unwrap"],
                          code=case["code"], path=case["name"])
        consolidation = consolidate(base.code, bill, path=case["name"])
        documents.append(json.loads(json.dumps(report(bill.title, case["name"],
                                                      [(base, consolidation)]))))
    capsys.readouterr()
    statuses = set()
    for document in documents:
        check("report-v1.schema.json", document)
        statuses |= {r["status"] for b in document["bases"] for r in b["results"]}
    assert statuses == {"applied", "failed", "out_of_scope", "standalone", "unrecognized"}


def _bill_documents(capsys: pytest.CaptureFixture[str]) -> Iterator[Json]:
    yield cli_json(capsys, "parse", BILL, "--json", "-q")
    yield cli_json(capsys, "parse", FIXTURES / "bills" / "general-forms.txt", "--json", "-q")
    for path in sorted((GOLDEN / "parse").glob("*.json")):
        yield written_json(path)


def test_bills(capsys: pytest.CaptureFixture[str]) -> None:
    kinds: set[str] = set()
    count = 0
    for document in _bill_documents(capsys):
        check("bill-v1.schema.json", document)
        kinds |= {op["kind"] for op in document["operations"]}
        count += 1
    assert count > 50
    assert kinds == OPERATION_KINDS


def test_debate(capsys: pytest.CaptureFixture[str]) -> None:
    check("debate-v1.schema.json", cli_json(capsys, "debate", TRANSCRIPT, "--json"))
    check("debate-v1.schema.json", written_json(GOLDEN / "debate" / "senat-2021-06-29.json"))


def test_drafts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check("draft-v1.schema.json", cli_json(capsys, "draft", BASE, AFTER, "--json", "-q"))
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Code électoral\n\n## Article L1\n\nLe maire signe.\n\n## Article L2\n\n"
                   "Un article abrogé.\n", "utf-8")
    new.write_text("# Code électoral\n\n## Article L1\n\nLe préfet signe.\n\nUn alinéa.\n\n"
                   "## Article L3\n\nUn article créé.\n", "utf-8")
    document = cli_json(capsys, "draft", old, new, "--json")
    check("draft-v1.schema.json", document)
    assert {a["kind"] for a in document["articles"]} == {"modified", "repealed", "created"}


def test_amend_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "amend.json"
    statuses = set()
    for selection, code in ((["--select", "27,90"], 0), (["--all"], 1), (["--select", "90"], 0),
                            (["--adopted"], 0)):
        assert main(["amend", str(TRANSCRIPT), *selection, "-q", "--report", str(out)]) == code
        document = written_json(out)
        check("amend-v1.schema.json", document)
        statuses |= {a["status"] for a in document["amendments"]}
    capsys.readouterr()
    assert {"applied", "fallen", "no_text"} <= statuses


def test_maps_units_and_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    origins = 0
    for base in (BASE, EXTRACT, AFTER):
        for path in read_base(base).code.articles():
            document = cli_json(capsys, "show", base, "--article", path.article.num, "--map",
                                "--json")
            check("map-v1.schema.json", document)
            origins += sum(a["origin"] is not None for a in document["alineas"])
            check("code-v1.schema.json",
                  cli_json(capsys, "show", base, "--article", path.article.num, "--json"))
    assert origins == 0  # the golden consolidated text is Markdown: no origins
    # a consolidated JSON base keeps the origins; a number carried twice gives two maps
    consolidated = tmp_path / "csi.json"
    assert main(["apply", str(BASE), str(BILL), "-o", str(consolidated), "-q"]) == 0
    document = cli_json(capsys, "show", consolidated, "--article", "L. 822-2", "--map", "--json")
    check("map-v1.schema.json", document)
    assert [a["origin"] is not None for a in document["alineas"]].count(True) == 1
    twice = tmp_path / "twice.md"
    twice.write_text("# Code électoral\n\n## Article L1\n\nUn. Deux.\n\n## Article L1\n\n"
                     "Trois.\n", "utf-8")
    both = cli_json(capsys, "show", twice, "--article", "L1", "--map", "--json", "-q")
    check("map-v1.schema.json", both)
    assert [m["locator"] for m in both] == ["art_L1@1", "art_L1@2"]
    check("code-v1.schema.json", cli_json(capsys, "show", twice, "--article", "L1", "--json",
                                          "-q"))
    for at in ("art_L863-1/lab_2°", "la seconde phrase du premier alinéa du I de l'article "
               "L. 851-2", "art_L855-1_B"):
        check("unit-v1.schema.json", cli_json(capsys, "show", EXTRACT, "--at", at, "--json"))
    check("code-v1.schema.json", cli_json(capsys, "show", EXTRACT, "--json"))


# ---------------------------------------------------------------------------
# Broken documents are rejected


def _example_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Json]:
    report_path, amend_path = tmp_path / "report.json", tmp_path / "amend.json"
    main(["apply", str(BASE), str(EXTRACT), str(BILL), "--report", str(report_path), "-q"])
    main(["amend", str(TRANSCRIPT), "--all", "-q", "--report", str(amend_path)])
    capsys.readouterr()
    return {
        "report-v1.schema.json": written_json(report_path),
        "bill-v1.schema.json": cli_json(capsys, "parse", FIXTURES / "bills" /
                                        "general-forms.txt", "--json", "-q"),
        "debate-v1.schema.json": cli_json(capsys, "debate", TRANSCRIPT, "--json"),
        "draft-v1.schema.json": cli_json(capsys, "draft", BASE, AFTER, "--json", "-q"),
        "amend-v1.schema.json": written_json(amend_path),
        "map-v1.schema.json": cli_json(capsys, "show", EXTRACT, "--article", "L. 851-2",
                                       "--map", "--json"),
        "unit-v1.schema.json": cli_json(capsys, "show", EXTRACT, "--at", "art_L863-1/lab_2°",
                                        "--json"),
        "code-v1.schema.json": cli_json(capsys, "show", EXTRACT, "--article", "L. 851-2",
                                        "--json"),
    }


def _first(document: Json, key: str) -> Json:
    """The first object, depth first, that has ``key``."""
    if isinstance(document, dict):
        if key in document:
            return document
        values: list[Json] = list(document.values())
    elif isinstance(document, list):
        values = document
    else:
        return None
    for value in values:
        found = _first(value, key)
        if found is not None:
            return found
    return None


def _set(key: str, value: Json, where: str | None = None) -> Callable[[Json], None]:
    """Set ``key`` in the first object that has ``where`` (default: ``key``)."""
    def change(document: Json) -> None:
        holder = _first(document, where or key)
        assert holder is not None, f"no {where or key!r} to break"
        holder[key] = value
    return change


def _drop(key: str) -> Callable[[Json], None]:
    def change(document: Json) -> None:
        holder = _first(document, key)
        assert holder is not None, f"no {key!r} to break"
        del holder[key]
    return change


def _add(key: str, value: Json) -> Callable[[Json], None]:
    def change(document: Json) -> None:
        document[key] = value
    return change


# Breaks for every schema, then one deep in each (a wrong value where the output has one).
COMMON = [("no format", _drop("format")), ("version 2", _set("version", 2)),
          ("another format", _set("format", "legidiff-other")),
          ("unknown field", _add("extra", True))]
DEEP: dict[str, list[tuple[str, Callable[[Json], None]]]] = {
    "report-v1.schema.json": [("status", _set("status", "done")),
                              ("line 0", _set("line", 0)),
                              ("diagnostic code", _set("code", "E42", where="severity")),
                              ("changed articles", _set("changed_articles", [])),
                              ("date", _set("dates", ["31/07/2025"]))],
    "bill-v1.schema.json": [("operation kind", _set("kind", "replace")),
                            ("operation without target", _drop("target")),
                            ("words", _set("old", {"texts": "préfet", "kind": "mot"})),
                            ("position", _set("position", "inside")),
                            ("new text kind", _set("alineas", "« un alinéa »"))],
    "debate-v1.schema.json": [("fate", _set("fate", "voted")),
                              ("opinion", _set("by", "rapporteur")),
                              ("shown", _set("shown", "yes"))],
    "draft-v1.schema.json": [("level", _set("level", "phrases")),
                             ("checked", _set("checked", None)),
                             ("no instructions", _set("instructions", []))],
    "amend-v1.schema.json": [("status", _set("status", "passed")),
                             ("counts", _set("counts", {"applied": 0})),
                             ("because_of", _set("because_of", 27))],
    "map-v1.schema.json": [("alinea number", _set("alineas", [{"number": 1}])),
                           ("phrases", _set("phrases", [{"number": "1"}]))],
    "unit-v1.schema.json": [("text", _set("text", None)), ("no locator", _drop("locator"))],
    "code-v1.schema.json": [("article type", _set("type", "articles")),
                            ("alinea", _set("alineas", [1]))],
}


def test_broken_documents_are_rejected(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    documents = _example_documents(tmp_path, capsys)
    assert set(documents) == set(FORMATS)
    for name, document in documents.items():
        check(name, document)  # valid as produced
        for label, change in [*COMMON, *DEEP[name]]:
            broken = copy.deepcopy(document)
            change(broken)
            assert not validator(name).is_valid(broken), f"{name} accepts a {label}"
