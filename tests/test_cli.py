"""The ``legidiff`` command: show, convert, errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support import EXAMPLES, FIXTURES

from legidiff.cli import main

EXAMPLE = EXAMPLES / "csi-extrait.md"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_show_toc(capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]) -> None:
    code, out, err = run(capsys, "show", EXAMPLE)
    assert code == 0 and err == ""
    golden("cli/show-toc.txt", out)


def test_show_article(capsys: pytest.CaptureFixture[str],
                      golden: Callable[[str, str], None]) -> None:
    code, out, _ = run(capsys, "show", EXAMPLE, "--article", "L. 851-2")
    assert code == 0
    golden("cli/show-L851-2.txt", out)


def test_show_map(capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]) -> None:
    code, out, _ = run(capsys, "show", EXAMPLE, "--article", "L855-1 B", "--map")
    assert code == 0
    golden("cli/show-map-L855-1-B.txt", out)
    code, out, _ = run(capsys, "show", EXAMPLE, "--article", "L855-1 B", "--map", "--json")
    data = json.loads(out)
    assert data["alineas"][1]["phrases"][1]["locator"] == "art_L855-1_B/lab_I/al_2/ph_2"
    assert data["alineas"][1]["phrases"][1]["french"] == "la seconde phrase du second alinéa du I"


def test_show_at(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", EXAMPLE, "--at",
                       "la seconde phrase du premier alinéa du I de l'article L. 851-2")
    assert code == 0
    assert out.splitlines()[1].startswith("Lorsqu'il existe des raisons sérieuses")
    code, out, _ = run(capsys, "show", EXAMPLE, "--at", "art_L863-1/lab_2°", "--json")
    assert json.loads(out)["text"].startswith("2° Extraire")


@pytest.mark.parametrize(("args", "message"), [
    (["show", "absent.md"], "introuvable"),
    (["show", EXAMPLE, "--article", "L. 851-9"], "articles voisins : L. 851-2"),
    (["show", EXAMPLE, "--at", "art_L851-2/lab_IV"], "contient : I, I bis, II"),
    (["show", EXAMPLE, "--at", "la phrase du"], "localisation illisible"),
    (["show", FIXTURES / "articles", "--format", "markdown"], "attend un fichier"),
    (["show", FIXTURES / "articles"], "dossier de format inconnu"),
])
def test_user_errors_exit_2_in_one_line(capsys: pytest.CaptureFixture[str], args: list[object],
                                        message: str) -> None:
    code, out, err = run(capsys, *[str(a) for a in args])
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert err.startswith("legidiff: ")


def test_convert_each_way(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    json_out = tmp_path / "csi.json"
    code, _, err = run(capsys, "convert", EXAMPLE, json_out)
    assert code == 0 and "13 articles" in err
    md_out = tmp_path / "csi.md"
    code, _, _ = run(capsys, "convert", json_out, md_out)
    assert code == 0
    assert md_out.read_bytes() == EXAMPLE.read_bytes()
    xml_out = tmp_path / "xml"
    code, _, _ = run(capsys, "convert", EXAMPLE, xml_out, "--to", "legi-xml")
    assert code == 0
    code, out, _ = run(capsys, "show", xml_out, "--article", "L851-2")
    assert "I bis.-Le nombre maximal" in out


def test_convert_refuses_to_overwrite_its_input(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    source = tmp_path / "csi.md"
    shutil.copy(EXAMPLE, source)
    code, _, err = run(capsys, "convert", source, source)
    assert code == 2 and "écraserait une entrée" in err
    assert source.read_bytes() == EXAMPLE.read_bytes()


def test_convert_needs_a_format_for_folders(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    code, _, err = run(capsys, "convert", EXAMPLE, tmp_path / "out")
    assert code == 2 and "--to" in err


def test_warnings_go_to_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "dup.md"
    path.write_text("# Code X\n\n## Section 1\n\n### Article R1\n\nA.\n\n## Section 2\n\n"
                    "### Article R1\n\nB.\n", "utf-8")
    code, out, err = run(capsys, "show", path, "--article", "R1")
    assert code == 0
    assert "[LD110]" in err
    assert "Article R1 (1/2, art_R1@1)" in out and "Article R1 (2/2, art_R1@2)" in out
    code, _, err = run(capsys, "show", path, "-q")
    assert err == ""


def test_installed_console_script(tmp_path: Path) -> None:
    exe = shutil.which("legidiff", path=os.path.dirname(sys.executable)) or shutil.which(
        "legidiff")
    if exe is None:
        pytest.skip("the legidiff script is not installed")
    result = subprocess.run([exe, "show", str(EXAMPLE), "--article", "L. 821-8"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "La Commission nationale de contrôle" in result.stdout
    bad = subprocess.run([exe, "show", str(tmp_path / "nope.md")], capture_output=True,
                         text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_code_name_and_former_names(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "cpce.txt"
    path.write_text("Art. L. 32-5. - Les opérateurs exploitant un réseau radioélectrique …\n",
                    "utf-8")
    code, out, err = run(capsys, "show", path, "--code", "code des postes et télécommunications")
    assert code == 0 and err == ""
    assert out.startswith("Code des postes et des communications électroniques   [blocks")
    code, out, err = run(capsys, "show", path, "--code", "code imaginaire")
    assert code == 0 and "[LD116]" in err


def test_parse_the_bundled_bill(capsys: pytest.CaptureFixture[str]) -> None:
    bill = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"
    code, out, err = run(capsys, "parse", bill)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == ("Projet de loi relatif à la prévention d'actes de terrorisme et au "
                        "renseignement")
    assert len([x for x in lines if "  disposition " not in x]) == 11  # title + 10 operations
