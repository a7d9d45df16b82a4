"""The installed package: grammars shipped inside the wheel, the JSON schema, the
example kept in step with the corpus it is built from."""

from __future__ import annotations

import importlib.util
import json
import sys
import sysconfig
from importlib import resources
from pathlib import Path

from support import EXAMPLES, ROOT, corpus_path

import legidiff
from legidiff.bill.grammar import grammar_text, parser
from legidiff.bill.parse import parse_locator


def test_grammar_loads_from_the_installed_package() -> None:
    shipped = resources.files("legidiff.grammars").joinpath("instructions.lark")
    assert shipped.is_file()
    # the shipped grammar is the repository's grammars/instructions.lark
    source = (ROOT / "grammars" / "instructions.lark").read_text("utf-8")
    assert grammar_text("instructions").startswith(source)
    tree = parser("instructions").parse("la seconde phrase du premier alinéa du I de "
                                        "l'article L. 853-3 est supprimée")
    assert tree.data == "start"
    assert str(parse_locator("le b du 2° du II")) == "lab_II/lab_2°/lab_b"
    spec = importlib.util.find_spec("legidiff.grammars")
    assert spec is not None and spec.origin is not None
    package_dir = Path(legidiff.__file__).resolve().parent
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    if site in package_dir.parents:  # a real (non-editable) install, as in CI
        assert site in Path(spec.origin).resolve().parents
        assert (ROOT / "grammars") not in Path(spec.origin).resolve().parents


def test_json_schema_is_shipped() -> None:
    schema = json.loads(resources.files("legidiff").joinpath(
        "schemas/code-v1.schema.json").read_text("utf-8"))
    assert schema["properties"]["format"] == {"const": "legidiff-code"}


def test_example_is_what_the_corpus_gives() -> None:
    corpus = corpus_path()
    sys.path.insert(0, str(EXAMPLES))
    try:
        import build_csi_extract
    finally:
        sys.path.remove(str(EXAMPLES))
    markdown, sources = build_csi_extract.build(corpus)
    assert markdown == (EXAMPLES / "csi-extrait.md").read_text("utf-8")
    assert sources == json.loads((EXAMPLES / "csi-extrait.sources.json").read_text("utf-8"))
    left_out = {entry["article"] for entry in sources["left_out"]}
    assert left_out == {"L. 132-5", "L. 243-9", "L. 242-9", "L. 822-1"}
