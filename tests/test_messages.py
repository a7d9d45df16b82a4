"""Messages that say what to do, in French: the nearest article numbers and words, articles
typed leniently, repeated failures grouped, argparse's own messages, ``-`` for the
standard input, progress only on a terminal."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import EXAMPLES, corpus_path

from legidiff.cli import build_parser, main
from legidiff.formats import read_base
from legidiff.lang.nearest import lenient_matches, nearest_articles, nearest_words
from legidiff.lang.numbering import article_bill_form, article_key

EXAMPLE = EXAMPLES / "csi-extrait.md"
BUILT = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
BILL = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def numbers(path: Path) -> list[str]:
    return [p.article.num for p in read_base(path).code.articles()]


# -- the nearest article numbers ---------------------------------------------------------


def test_a_lost_hyphen_suggests_the_article_not_a_near_string(
        capsys: pytest.CaptureFixture[str]) -> None:
    """L. 8522 is L. 852-2 with its hyphen lost: the same digits. L. 855-1 B, a few
    characters away as strings, has other digits and a qualifier."""
    assert nearest_articles(numbers(EXAMPLE), "L. 8522") == ["L852-2"]
    code, _, err = run(capsys, "show", EXAMPLE, "--article", "L. 8522")
    (suggestion,) = [line for line in err.splitlines() if "vouliez-vous dire" in line]
    assert code == 2 and suggestion.strip() == "vouliez-vous dire L. 852-2 ?"


def _hyphen_dropped(nums: list[str]) -> tuple[int, list[str]]:
    """Every article with a hyphen typed without it: the article is among the
    suggestions, and every suggestion has the same digits."""
    keys = {article_key(n) for n in nums}
    tried, wrong = 0, []
    for number in nums:
        bill = article_bill_form(number)
        if "-" not in bill:
            continue
        typo = bill.replace("-", "", 1)
        if article_key(typo) in keys:
            continue
        tried += 1
        found = nearest_articles(nums, typo)
        digits = re.sub(r"\D", "", bill)
        if article_key(number) not in {article_key(n) for n in found} or any(
                re.sub(r"\D", "", article_bill_form(n)) != digits for n in found):
            wrong.append(f"{typo}: {found}")
    return tried, wrong


def test_a_lost_hyphen_on_every_article_of_the_example() -> None:
    tried, wrong = _hyphen_dropped(numbers(EXAMPLE))
    assert tried >= 10 and wrong == []


def test_a_lost_hyphen_on_the_articles_of_a_real_code() -> None:
    nums = numbers(corpus_path("codes", "code-de-la-securite-interieure"))
    tried, wrong = _hyphen_dropped(nums[::5])
    assert tried >= 100 and wrong == []


@pytest.mark.parametrize(("typed", "expected"), [
    ("L. 852-3", ["L852-2"]),  # one digit apart (L. 854-8: two)
    ("L. 851-3", ["L821-3", "L851-2"]),  # as near: both, in number order
    ("L. 8211", ["L821-1"]),
    ("L. 821-11", ["L821-1"]),  # a digit doubled
    ("L. 855-1 C", ["L855-1 A", "L855-1 B"]),  # the qualifier mistyped
    ("R. 852-2", ["L852-2"]),  # the prefix mistyped
    ("L. 7", []),  # one or two digits: every other number is one keystroke away
    ("L. 999-9", []),
])
def test_nearest_numbers_by_structure(typed: str, expected: list[str]) -> None:
    assert nearest_articles(numbers(EXAMPLE), typed) == expected


# -- the nearest words -------------------------------------------------------------------


def test_a_word_with_a_letter_lost_or_swapped_suggests_the_word() -> None:
    """Every word of eight letters or more of the example's articles, one letter dropped
    or two swapped: the nearest words of its alinéa are the word itself."""
    tried = 0
    for path in read_base(EXAMPLE).code.articles():
        for alinea in path.article.alineas:
            for word in sorted(set(re.findall(r"\w{8,}", alinea.text))):
                for typo in (word[:3] + word[4:], word[:4] + word[5] + word[4] + word[6:]):
                    if re.search(rf"\b{typo}\b", alinea.text):
                        continue
                    tried += 1
                    assert nearest_words(alinea.text, typo) == word, typo
    assert tried >= 500


def test_nearest_words_keep_elisions_and_several_words() -> None:
    text = "après avis de la Commission nationale de contrôle des techniques de renseignement"
    assert nearest_words(text, "la comission nationale") == "la Commission nationale"
    assert nearest_words(text, "techniques de renseignements") == "techniques de renseignement"
    assert nearest_words("pour l'autorisation", "l'autorsation") == "l'autorisation"
    assert nearest_words(text, "préfet de police") is None


def test_a_misspelt_quoted_word_names_the_word_of_the_article(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bill = tmp_path / "pjl.txt"
    bill.write_text("Projet de loi\n\nArticle 1er\n\nÀ l'article L. 852-2 du code de la "
                    "sécurité intérieure, le mot : « hertziene » est remplacé par le mot : "
                    "« radioélectrique ».\n", "utf-8")
    code, _, err = run(capsys, "apply", BUILT, bill)
    assert code == 1 and "[LD302]" in err and "vouliez-vous dire « hertzienne » ?" in err


# -- articles typed leniently ------------------------------------------------------------


@pytest.mark.parametrize("typed", ["852-2", "l. 852-2", "article L. 852-2", "Art. L852-2",
                                   "l'article L. 852-2"])
def test_show_finds_an_article_typed_loosely(capsys: pytest.CaptureFixture[str],
                                             typed: str) -> None:
    code, expected, _ = run(capsys, "show", EXAMPLE, "--article", "L. 852-2")
    assert code == 0
    code, out, err = run(capsys, "show", EXAMPLE, "--article", typed)
    assert (code, out, err) == (0, expected, "")


def test_a_number_without_its_prefix_names_every_candidate(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = tmp_path / "code.md"
    base.write_text("# Code électoral\n\n###### Article L1\n\nLégislatif.\n\n"
                    "###### Article R1\n\nRéglementaire.\n", "utf-8")
    assert lenient_matches(numbers(base), "1") == ["L1", "R1"]
    code, out, err = run(capsys, "show", base, "--article", "1")
    assert code == 2 and out == ""
    assert "[LD121]" in err and "articles : L. 1, R. 1" in err
    code, out, _ = run(capsys, "show", base, "--article", "r 1")
    assert code == 0 and "Réglementaire." in out


def test_locators_and_draft_take_articles_typed_loosely(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "show", EXAMPLE, "--at", "art_852-2/al_1")
    assert code == 0 and out.startswith("le premier alinéa de l'article L. 852-2")
    code, out, _ = run(capsys, "show", EXAMPLE, "--at", "le premier alinéa de l'article 852-2")
    assert code == 0 and "[art_L852-2/al_1]" in out
    new = tmp_path / "new.md"
    new.write_text(EXAMPLE.read_text("utf-8").replace("voie hertzienne", "voie radio"), "utf-8")
    code, out, err = run(capsys, "draft", EXAMPLE, new, "--article", "852-2")
    assert code == 0 and "le mot : « hertzienne » est remplacé" in out
    assert "1 modifié ; instructions vérifiées" in err  # the summary in French


# -- the same failure once ---------------------------------------------------------------


def test_the_same_missing_article_is_reported_once_with_its_count(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bill = tmp_path / "pjl.txt"
    bill.write_text(
        "Projet de loi\n\nArticle 1er\n\nLe code de la sécurité intérieure est ainsi modifié :"
        "\n\n1° L'article L. 8522 est abrogé ;\n\n2° Au premier alinéa de l'article L. 8522, "
        "le mot : « réseau » est remplacé par le mot : « système » ;\n\n3° À la fin de "
        "l'article L. 8522, les mots : « du réseau » sont supprimés ;\n\n4° À l'article "
        "L. 852-2, le mot : « hertziene » est supprimé.\n", "utf-8")
    report = tmp_path / "rapport.json"
    code, _, err = run(capsys, "apply", BUILT, bill, "--report", report)
    assert code == 1
    missing = [line for line in err.splitlines() if "L. 8522 n'existe pas" in line]
    assert len(missing) == 1, err
    assert "3 instructions en échec : article 1er, 1° (ligne 7) ; article 1er, 2° (ligne 9) ; " \
           "article 1er, 3° (ligne 11)" in missing[0]
    assert err.count("vouliez-vous dire L. 852-2 ?") == 1
    assert err.count("[LD302]") == 1  # a failure given once is printed as it was
    data = json.loads(report.read_text("utf-8"))
    (group,) = data["bases"][0]["repeated_failures"]
    assert group["code"] == "LD301" and group["count"] == 3
    assert group["bill_refs"] == ["article 1er, 1°", "article 1er, 2°", "article 1er, 3°"]
    assert group["message"] == "l'article L. 8522 n'existe pas dans le texte de base"
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources
    schema = json.loads(resources.files("legidiff").joinpath(
        "schemas", "report-v1.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


# -- the command line in French ----------------------------------------------------------

_ENGLISH = ("usage:", "show this help", "positional arguments", "optional arguments",
            "error:", "required", "invalid choice", "choose from", "expected one argument",
            "unrecognized arguments", "not allowed with", "show program", " the ", " of the ",
            " to ", " or ", " with ")


def _help_texts() -> dict[str, str]:
    parser = build_parser()
    texts = {"legidiff": parser.format_help()}
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for name, sub in getattr(action, "choices", {}).items():
            texts[name] = sub.format_help()
    return texts


def test_every_help_is_in_french() -> None:
    texts = _help_texts()
    assert {"show", "convert", "apply", "debate", "amend", "draft", "redline",
            "parse"} <= set(texts)
    for name, text in texts.items():
        assert text.startswith("utilisation : "), name
        english = [w for w in _ENGLISH if w in text.replace("\n", " ")]
        assert english == [], (name, english)


@pytest.mark.parametrize(("args", "french"), [
    ([], "arguments obligatoires absents : COMMANDE"),
    (["frob"], "choix invalide : 'frob' (choisir parmi 'show'"),
    (["apply"], "arguments obligatoires absents : FICHIER"),
    (["show", "x.md", "--format", "pdf"], "argument --format : choix invalide"),
    (["show", "x.md", "--article"], "argument --article/-a : une valeur attendue"),
    (["show", "x.md", "--bogus"], "arguments inconnus : --bogus"),
    (["amend", "x.txt", "--all", "--select", "2"],
     "argument --select : incompatible avec l'argument --all"),
    (["amend", "x.txt"], "l'un des arguments --adopted --select --all est obligatoire"),
])
def test_argparse_errors_in_french(capsys: pytest.CaptureFixture[str], args: list[str],
                                   french: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert french in err and ": erreur : " in err and "utilisation : " in err
    assert not any(w in err for w in ("usage:", "error:", "required", "invalid choice"))


def test_help_exits_0_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["apply", "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert "afficher cette aide et quitter" in out and "arguments:" in out


def test_argparse_left_as_it_was() -> None:
    """The French is argparse's only while legidiff's parser works: another program's
    parser in the same process keeps its own language."""
    import argparse
    build_parser().format_help()
    assert "usage: " in argparse.ArgumentParser(prog="x").format_help()


# -- the standard input ------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))


def test_the_bill_read_from_the_standard_input(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    code, expected, _ = run(capsys, "apply", BUILT, BILL, "-o", "-")
    assert code == 0
    _stdin(monkeypatch, BILL)
    code, out, err = run(capsys, "apply", BUILT, "-", "-o", "-")
    assert (code, out) == (0, expected) and "10 appliquées" in err
    _stdin(monkeypatch, BILL)
    code, out, _ = run(capsys, "parse", "-")
    assert code == 0 and out.startswith("Projet de loi relatif à la prévention")


def test_a_base_read_from_the_standard_input(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    code, expected, _ = run(capsys, "show", EXAMPLE, "--article", "L. 852-2")
    _stdin(monkeypatch, EXAMPLE)
    code, out, _ = run(capsys, "show", "-", "--article", "L. 852-2")
    assert (code, out) == (0, expected)
    _stdin(monkeypatch, EXAMPLE)
    code, out, _ = run(capsys, "convert", "-", "-", "--to", "json")
    assert code == 0 and json.loads(out)["format"] == "legidiff-code"
    _stdin(monkeypatch, BUILT)
    code, out, err = run(capsys, "apply", "-", BILL, "-o", "-")
    assert code == 0 and "<entrée standard> : 10 appliquées" in err


def test_the_standard_input_is_read_once(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, BILL)
    code, out, err = run(capsys, "apply", "-", "-")
    assert code == 2 and out == "" and "[LD106]" in err and "qu'une fois" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe")))
    code, _, err = run(capsys, "parse", "-")
    assert code == 2 and err.startswith("legidiff: <entrée standard>") and "[LD103]" in err


def test_a_byte_order_mark_does_not_hide_the_title(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    bill = tmp_path / "pjl.txt"
    bill.write_bytes(b"\xef\xbb\xbf" + BILL.read_bytes())
    code, out, err = run(capsys, "parse", bill)
    assert code == 0 and out.startswith("Projet de loi relatif") and "[LD201]" not in err


# -- progress --------------------------------------------------------------------------


def _apply_command(tmp_path: Path) -> list[str]:
    return [sys.executable, "-m", "legidiff", "apply", str(BUILT.resolve()),
            str(BILL.resolve()), "--html", str(tmp_path / "redline.html")]


def test_no_progress_when_standard_error_is_not_a_terminal(tmp_path: Path) -> None:
    result = subprocess.run(_apply_command(tmp_path), capture_output=True, text=True,
                            cwd=tmp_path, check=False)
    assert result.returncode == 0
    assert "\r" not in result.stderr and "application à" not in result.stderr
    assert all(line.startswith("legidiff: ") for line in result.stderr.splitlines())


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_progress_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(_apply_command(tmp_path), stdout=subprocess.DEVNULL,
                               stderr=slave, cwd=tmp_path)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert process.wait(timeout=120) == 0
    seen = b"".join(chunks).decode("utf-8", "replace")
    assert "\rlegidiff: application à csi-livre-viii-avant-2021-construit.md…" in seen
    assert "\rlegidiff: écriture de redline.html…" in seen
    assert "10 appliquées, 2 dispositions autonomes" in seen


# -- the README's Python example, run from the project's root -----------------------------


def test_the_grammar_is_found_beside_a_source_folder_standing_in_for_the_package(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """From the repository's root, ``./legidiff`` (without the grammars, which the wheel
    holds as ``legidiff.grammars``) is imported instead of the installed package: the
    grammar is then read from the repository's ``grammars/``."""
    from importlib import resources

    from legidiff.bill import grammar

    installed = grammar.grammar_text("instructions")

    def missing(name: str) -> object:
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(resources, "files", missing)
    # the module as the source folder holds it (the installed one may be in site-packages,
    # where no grammars/ lies beside it)
    source = Path(__file__).resolve().parents[1] / "legidiff" / "bill" / "grammar.py"
    monkeypatch.setattr(grammar, "__file__", str(source))
    assert grammar.grammar_text("instructions") == installed


def test_the_readme_python_example_runs_from_the_project_root(tmp_path: Path) -> None:
    """As from the project's root: the source folder first on the path."""
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text("utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    assert "run from the project root" in section or "from the project's root" in section
    code = "\n".join(re.findall(r"```python\n(.*?)```", section, re.DOTALL))
    (tmp_path / "legidiff").symlink_to(root / "legidiff")
    (tmp_path / "examples").symlink_to(EXAMPLES)
    (tmp_path / "grammars").symlink_to(root / "grammars")
    done = subprocess.run([sys.executable, "-c", "import legidiff; print(legidiff.__file__)\n"
                           + code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(tmp_path / "legidiff"))  # the source folder was used
    assert "True {'applied': 10, 'standalone': 2}" in done.stdout
