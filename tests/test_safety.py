"""The promises of the command line and of file input/output (issue 13): bad input gets
one clear line and exit 2, no traceback; inputs are never overwritten; every output is
checked before any is written; outputs are atomic and leave no temporaries; standard
output that cannot be written is one line, not a traceback; never silent."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support import EXAMPLES, FIXTURES

from legidiff import fsio
from legidiff.cli import main
from legidiff.formats import _paris_by_rule, today_in_paris

BASE = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
TRANSCRIPT = EXAMPLES / "senat-seance-2021-06-29-extrait.txt"
BILL = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"
SMALL = EXAMPLES / "csi-extrait.md"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str, code: str) -> None:
    """A user error: one line (and its evidence, indented), the code, no traceback."""
    lines = [x for x in err.splitlines() if not x.startswith("  ")]
    errors = [x for x in lines if ": erreur : " in x]
    assert len(errors) == 1, err
    assert errors[0].startswith("legidiff: ") and errors[0].endswith(f"[{code}]"), err
    assert "Traceback" not in err


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with copies of the base, the transcript and the bill."""
    shutil.copy(BASE, tmp_path / "base.md")
    shutil.copy(TRANSCRIPT, tmp_path / "t.txt")
    shutil.copy(BILL, tmp_path / "bill.txt")
    return tmp_path


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- every file read by a command is an input ---------------------------------------------


@pytest.mark.parametrize("spelling", ["same", "relative", "symlink", "hardlink"])
def test_amendments_file_is_an_input(capsys: pytest.CaptureFixture[str], work: Path,
                                     monkeypatch: pytest.MonkeyPatch, spelling: str) -> None:
    amendments = work / "a.txt"
    shutil.copy(TRANSCRIPT, amendments)
    out: Path | str = amendments
    if spelling == "relative":
        (work / "sub").mkdir()
        monkeypatch.chdir(work / "sub")
        out = "../sub/../a.txt"
    elif spelling == "symlink":
        out = work / "link.txt"
        os.symlink(amendments, out)
    elif spelling == "hardlink":
        out = work / "hard.txt"
        os.link(amendments, out)
    code, _, err = run(capsys, "apply", work / "base.md", work / "t.txt", "--amendments",
                       amendments, "--select", "90", "-o", out)
    assert code == 2 and "écraserait une entrée" in err
    one_line_error(err, "LD105")
    assert amendments.read_bytes() == TRANSCRIPT.read_bytes()


@pytest.mark.parametrize("option", ["--html", "--report", "-o"])
def test_debate_transcript_is_an_input(capsys: pytest.CaptureFixture[str], work: Path,
                                       option: str) -> None:
    debate = work / "debate.txt"
    shutil.copy(TRANSCRIPT, debate)
    code, _, err = run(capsys, "apply", work / "base.md", work / "t.txt", "--amendments",
                       work / "t.txt", "--adopted", "--debate", debate, option, debate)
    assert code == 2 and "écraserait une entrée" in err
    assert debate.read_bytes() == TRANSCRIPT.read_bytes()
    # amend: the same
    code, _, err = run(capsys, "amend", work / "t.txt", "--adopted", "--debate", debate,
                       "--report" if option == "-o" else option, debate)
    assert code == 2 and "écraserait une entrée" in err
    assert debate.read_bytes() == TRANSCRIPT.read_bytes()


def test_an_output_inside_an_input_folder_is_refused(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    xml = tmp_path / "xml"
    shutil.copytree(FIXTURES / "legi-xml", xml)
    os.symlink(xml, tmp_path / "alias")
    code, _, err = run(capsys, "convert", xml, tmp_path / "alias" / "out.json")
    assert code == 2 and "écraserait une entrée" in err
    assert not (xml / "out.json").exists()


def test_selection_options_need_amendments(capsys: pytest.CaptureFixture[str],
                                           work: Path) -> None:
    code, _, err = run(capsys, "apply", work / "base.md", work / "t.txt", "--select", "90")
    assert code == 2
    one_line_error(err, "LD106")


# -- outputs are regular files or folders -------------------------------------------------


@pytest.mark.parametrize("option", ["-o", "--report", "--html", "--table", "--diff"])
def test_a_fifo_or_a_device_is_never_an_output(capsys: pytest.CaptureFixture[str],
                                               work: Path, option: str) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = work / "fifo"
    os.mkfifo(fifo)
    for target in [fifo, *([Path("/dev/null")] if Path("/dev/null").exists() else [])]:
        code, _, err = run(capsys, "apply", work / "base.md", work / "bill.txt", option, target)
        assert code == 2 and "ni un fichier ordinaire ni un dossier" in err
        one_line_error(err, "LD105")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert Path("/dev/null").is_char_device()


def test_standard_output_stays_an_output(capsys: pytest.CaptureFixture[str],
                                         work: Path) -> None:
    code, out, _ = run(capsys, "apply", work / "base.md", work / "bill.txt", "-o", "-")
    assert code == 0 and out.startswith("# Code de la sécurité intérieure")
    code, out, _ = run(capsys, "amend", work / "t.txt", "--select", "90", "-o", "-")
    assert code == 0 and "Article 11" in out


# -- every output is checked before any is written ----------------------------------------


def test_no_output_is_written_when_one_is_refused(capsys: pytest.CaptureFixture[str],
                                                  work: Path) -> None:
    report, page = work / "r.json", work / "r.html"
    code, _, err = run(capsys, "apply", work / "base.md", work / "bill.txt", "--report",
                       report, "--html", page, "-o", work / "bill.txt")
    assert code == 2 and "écraserait une entrée" in err
    assert not report.exists() and not page.exists()
    assert (work / "bill.txt").read_bytes() == BILL.read_bytes()
    # the diff, written last, refused first
    code, _, err = run(capsys, "apply", work / "base.md", work / "bill.txt", "--report",
                       report, "-o", work / "out.md", "--diff", work / "base.md")
    assert code == 2 and not report.exists() and not (work / "out.md").exists()
    # an output format that cannot be known, a folder where a file goes
    (work / "folder").mkdir()
    bads: list[list[str | Path]] = [["-o", work / "out.xyz"], ["--html", work / "folder"]]
    for bad in bads:
        code, _, err = run(capsys, "apply", work / "base.md", work / "bill.txt", "--report",
                           report, *bad)
        assert code == 2 and not report.exists(), err
    # two outputs of the same name
    code, _, err = run(capsys, "apply", work / "base.md", work / "bill.txt", "--html", page,
                       "--table", work / "." / "r.html")
    assert code == 2 and "deux sorties portent le même nom" in err and not page.exists()
    # a report inside the folder -o replaces; two bases of the same name in one folder
    code, _, err = run(capsys, "apply", work / "base.md", work / "bill.txt", "-o",
                       work / "tree", "--to", "layout", "--report", work / "tree" / "r.json")
    assert code == 2 and "qui est remplacé" in err and not (work / "tree").exists()
    (work / "other").mkdir()
    shutil.copy(BASE, work / "other" / "base.md")
    code, _, err = run(capsys, "apply", work / "base.md", work / "other" / "base.md",
                       work / "bill.txt", "--html", work / "pages", "--report", report)
    assert code == 2 and "deux sorties portent le même nom" in err and not report.exists()
    # amend and redline too
    code, _, _ = run(capsys, "amend", work / "t.txt", "--select", "90", "--report", report,
                     "-o", work / "t.txt")
    assert code == 2 and not report.exists()
    code, _, _ = run(capsys, "redline", work / "base.md", SMALL, "--html", page, "--diff",
                     work / "base.md")
    assert code == 2 and not page.exists()


# -- atomic outputs -----------------------------------------------------------------------


def test_an_interrupted_write_leaves_nothing_and_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old", "utf-8")
    names: list[str] = []

    def produce(tmp: Path) -> None:
        names.append(tmp.name)
        tmp.write_text("half", "utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fsio.write_via_temp(out, produce)
    assert names[0].startswith(".out.txt.legidiff-tmp.")  # a recognizable name
    assert out.read_text("utf-8") == "old" and hidden(tmp_path) == []

    def fill(tmp: Path) -> None:
        (tmp / "a.md").write_text("half", "utf-8")
        raise KeyboardInterrupt

    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "old.md").write_text("old", "utf-8")
    with pytest.raises(KeyboardInterrupt):
        fsio.write_tree_atomic(tree, fill)
    assert [p.name for p in tree.iterdir()] == ["old.md"] and hidden(tmp_path) == []


@pytest.mark.parametrize("swap", [True, False], ids=["one-step swap", "two renames"])
def test_a_tree_replaces_the_old_one_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           swap: bool) -> None:
    if not swap:
        monkeypatch.setattr(fsio, "_exchange", lambda a, b: False)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "old.md").write_text("old", "utf-8")
    fsio.write_tree_atomic(tree, lambda tmp: write(tmp / "new.md", b"new"))
    assert [p.name for p in tree.iterdir()] == ["new.md"] and hidden(tmp_path) == []

    # interrupted after the swap, or between the two renames: the new folder, or the
    # old one put back; nothing left beside it
    real = os.replace
    calls: list[str] = []

    def interrupted_second(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> None:
        calls.append(str(b))
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(a, b)

    def interrupt(folder: Path) -> None:
        raise KeyboardInterrupt

    def fill(tmp: Path) -> None:
        write(tmp / "newer.md", b"newer")
        if swap:
            monkeypatch.setattr(fsio, "_sync_folder", interrupt)
        else:
            monkeypatch.setattr(os, "replace", interrupted_second)

    with pytest.raises(KeyboardInterrupt):
        fsio.write_tree_atomic(tree, fill)
    monkeypatch.undo()
    assert [p.name for p in tree.iterdir()] == ["newer.md" if swap else "new.md"]
    assert hidden(tmp_path) == []


def test_files_and_folders_are_flushed_around_the_rename(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        events.append(f"fsync {kind}")
        real_fsync(fd)

    def replace(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> None:
        events.append("rename")
        real_replace(a, b)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    fsio.write_file_atomic(tmp_path / "out.txt", b"new")
    assert events == ["fsync file", "rename", "fsync folder"]
    assert (tmp_path / "out.txt").read_bytes() == b"new"
    # a folder: the whole file system flushed at once (Linux), or file by file
    events.clear()
    real_syncfs = fsio._syncfs

    def syncfs(path: Path) -> bool:
        done = real_syncfs(path)
        events.append(f"syncfs {done}")
        return done

    monkeypatch.setattr(fsio, "_syncfs", syncfs)
    fsio.write_tree_atomic(tmp_path / "tree", lambda tmp: write(tmp / "a", b"a"))
    assert events in (["syncfs True", "rename", "fsync folder"],
                      ["syncfs False", "fsync file", "fsync folder", "rename", "fsync folder"])
    events.clear()
    monkeypatch.setattr(fsio, "_syncfs", lambda path: False)
    fsio.write_tree_atomic(tmp_path / "tree2", lambda tmp: write(tmp / "a", b"a"))
    assert events == ["fsync file", "fsync folder", "rename", "fsync folder"]


def write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.skipif(os.name != "posix", reason="stale temporaries are cleaned on POSIX only")
def test_stale_temporaries_of_a_killed_run_are_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    host = fsio._HOST
    stale = tmp_path / f".out.md.legidiff-tmp.{host}.{dead_pid()}.0123abcd.tmp"
    journal = tmp_path / f"{stale.name}-journal"
    folder = tmp_path / f".out.md.legidiff-tmp.{host}.{dead_pid()}.4567abcd"
    live = tmp_path / f".out.md.legidiff-tmp.{host}.{os.getpid()}.89abcdef.tmp"
    other_host = tmp_path / f".out.md.legidiff-tmp.elsewhere.{dead_pid()}.0123abcd.tmp"
    not_ours = tmp_path / ".out.md.swp"
    for path in (stale, journal, live, other_host, not_ours):
        path.write_bytes(b"x")
    folder.mkdir()
    (folder / "a.md").write_bytes(b"x")
    fsio.write_file_atomic(out, b"new")
    assert out.read_bytes() == b"new"
    assert hidden(tmp_path) == sorted([live.name, other_host.name, not_ours.name])


@pytest.mark.skipif(os.name != "posix", reason="stale temporaries are cleaned on POSIX only")
def test_a_folder_set_aside_is_put_back(tmp_path: Path) -> None:
    aside = tmp_path / f".tree.legidiff-tmp.{fsio._HOST}.{dead_pid()}.0123abcd.old"
    aside.mkdir()
    (aside / "old.md").write_text("old", "utf-8")
    assert fsio.clean_stale(tmp_path / "tree") == [aside]
    assert (tmp_path / "tree" / "old.md").read_text("utf-8") == "old"


KILLABLE = """
import sys, time
from pathlib import Path
import legidiff.formats as formats
from legidiff.cli import main
ready = Path(sys.argv[1])
for name in ("layout", "legisqlite"):
    module = getattr(formats, name)
    def slow(code, path, real=module.write):
        real(code, path)
        ready.write_text("ready")
        time.sleep(60)
    module.write = slow
sys.exit(main(sys.argv[2:]))
"""


def start_and_stop(tmp_path: Path, args: list[str], signum: int) -> int:
    ready = tmp_path / "ready"
    ready.unlink(missing_ok=True)
    child = subprocess.Popen([sys.executable, "-c", KILLABLE, str(ready), *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=tempfile.gettempdir())
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child.send_signal(signum)
    _, err = child.communicate(timeout=60)
    assert b"Traceback" not in err
    return child.returncode


@pytest.mark.skipif(os.name != "posix", reason="signals")
@pytest.mark.parametrize(("target", "fmt"), [("out.sqlite", "sqlite"), ("tree", "layout")])
def test_killed_mid_write(tmp_path: Path, target: str, fmt: str) -> None:
    out = tmp_path / "w" / target
    out.parent.mkdir()
    args = ["convert", str(SMALL), str(out), "--to", fmt, "--force"]
    assert main(args) == 0
    before = sorted(str(p.relative_to(out.parent)) for p in out.parent.rglob("*"))
    data = {p: p.read_bytes() for p in out.parent.rglob("*") if p.is_file()}
    # SIGTERM: the temporaries are removed on the way out, the old output stays
    assert start_and_stop(tmp_path, args, signal.SIGTERM) == 128 + signal.SIGTERM
    assert hidden(out.parent) == []
    assert sorted(str(p.relative_to(out.parent)) for p in out.parent.rglob("*")) == before
    assert all(p.read_bytes() == b for p, b in data.items())
    # SIGKILL: nothing can be removed then; the next write to the same output does it
    assert start_and_stop(tmp_path, args, signal.SIGKILL) == -signal.SIGKILL
    assert hidden(out.parent) != []
    assert all(p.read_bytes() == b for p, b in data.items())
    assert main(args) == 0
    assert hidden(out.parent) == []


# -- standard output that cannot be written -----------------------------------------------


def legidiff(*args: str | Path, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    # run from outside the checkout: its source folder would shadow the installed package
    # (which alone holds legidiff.grammars in a non-editable install, as in CI)
    return subprocess.run([sys.executable, "-m", "legidiff", *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, check=False, timeout=120,
                          cwd=tempfile.gettempdir())


STDOUT_COMMANDS: dict[str, list[str | Path]] = {
    "parse": ["parse", BILL],
    "apply -o -": ["apply", BASE, BILL, "-o", "-"],
    "show --map": ["show", BASE, "--map"],
    "debate --json": ["debate", TRANSCRIPT, "--json"],
    "redline": ["redline", SMALL, BASE],
}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("command", STDOUT_COMMANDS)
def test_a_full_device_on_standard_output(command: str) -> None:
    args = STDOUT_COMMANDS[command]
    with open("/dev/full", "w") as full:
        result = legidiff(*args, stdout=full.fileno())
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "legidiff: <sortie standard>: erreur : écriture impossible : plus de place sur le "
        "périphérique [LD105]")


@pytest.mark.skipif(os.name != "posix", reason="pipes")
@pytest.mark.parametrize("command", STDOUT_COMMANDS)
def test_a_closed_pipe_on_standard_output(command: str) -> None:
    args = STDOUT_COMMANDS[command]
    read, write = os.pipe()
    os.close(read)  # "| head" that has already exited
    try:
        result = legidiff(*args, stdout=write)
    finally:
        os.close(write)
    assert result.returncode == 128 + 13  # as a process killed by SIGPIPE
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert "erreur" not in result.stderr


# -- file names that are not UTF-8 --------------------------------------------------------


def test_file_names_that_are_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = tmp_path / os.fsdecode(b"b\xe9.md")
    bill = tmp_path / os.fsdecode(b"t\xff.txt")
    try:
        shutil.copy(BASE, base)
        shutil.copy(BILL, bill)
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    outs = {name: tmp_path / name for name in ("a.html", "a.table.html", "a.diff", "a.json")}
    code, _, err = run(capsys, "apply", base, bill, "--html", outs["a.html"], "--table",
                       outs["a.table.html"], "--diff", outs["a.diff"], "--report",
                       outs["a.json"], "-o", tmp_path / os.fsdecode(b"o\xe9.md"))
    assert code == 0, err
    texts = {name: path.read_bytes().decode("utf-8") for name, path in outs.items()}  # UTF-8
    assert "+++ b/b\\xe9.md" in texts["a.diff"]
    report = json.loads(outs["a.json"].read_text("utf-8"))
    assert report["bill"]["path"].endswith("t\\xff.txt")
    assert report["bases"][0]["path"].endswith("b\\xe9.md")
    code, _, err = run(capsys, "redline", SMALL, base, "--html", outs["a.html"])
    assert code == 0 and "b\\xe9.md" in outs["a.html"].read_text("utf-8")
    code, out, _ = run(capsys, "redline", SMALL, base)
    assert code == 0 and "+++ b/b\\xe9.md" in out
    # a reader that keeps the name as the source of its text (LEGI XML): an error, not a
    # traceback, when the output format writes it (JSON); nothing written
    xml = tmp_path / os.fsdecode(b"x\xe9")
    shutil.copytree(FIXTURES / "legi-xml", xml)
    code, _, err = run(capsys, "convert", xml, tmp_path / "x.json")
    assert code == 2 and "\\xe9" in err and not (tmp_path / "x.json").exists()
    one_line_error(err, "LD105")
    assert hidden(tmp_path) == []


# -- the default date does not depend on the time zone ------------------------------------


@pytest.fixture
def time_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    yield monkeypatch
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("source", [FIXTURES / "legi-xml", FIXTURES / "legi.sqlite"])
def test_the_default_date_is_today_in_paris(capsys: pytest.CaptureFixture[str],
                                            time_zone: pytest.MonkeyPatch,
                                            source: Path) -> None:
    outputs = []
    # UTC+14 and UTC-11: their dates always differ
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        time_zone.setenv("TZ", zone)
        time.tzset()
        code, out, _ = run(capsys, "show", source, "--json")
        assert code == 0
        outputs.append(out)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["meta"]["date_debut"] == today_in_paris()


def test_paris_by_the_rule_without_a_time_zone_database() -> None:
    # every half hour of three years: the rule gives the time zone database's answer
    paris = ZoneInfo("Europe/Paris")
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for step in range(3 * 366 * 48):
        now = start + dt.timedelta(minutes=30 * step)
        assert _paris_by_rule(now).replace(tzinfo=None) == now.astimezone(paris).replace(
            tzinfo=None), now


# -- never silent: apply ------------------------------------------------------------------


def test_an_amendment_that_cannot_apply_fails_the_run(capsys: pytest.CaptureFixture[str],
                                                      work: Path) -> None:
    out = work / "out.md"
    code, _, err = run(capsys, "apply", work / "base.md", work / "t.txt", "--amendments",
                       work / "t.txt", "--select", "73", "-o", out)
    assert code == 1 and "[LD401]" in err and "rien n'est écrit" in err
    assert not out.exists()
    code, _, _ = run(capsys, "apply", work / "base.md", work / "t.txt", "--amendments",
                     work / "t.txt", "--select", "73", "-o", out, "--partial")
    assert code == 1 and out.exists()


@pytest.mark.parametrize("text", ["", "\n \n", "Projet de loi relatif à rien\n"])
def test_an_empty_bill(capsys: pytest.CaptureFixture[str], work: Path, text: str) -> None:
    bill = work / "empty.txt"
    bill.write_text(text, "utf-8")
    code, _, err = run(capsys, "apply", work / "base.md", bill)
    assert code == 2 and "projet de loi est vide" in err
    one_line_error(err, "LD230")
    code, _, err = run(capsys, "parse", bill)
    assert code == 2 and "[LD230]" in err


def test_base_and_bill_in_the_wrong_order(capsys: pytest.CaptureFixture[str],
                                          work: Path) -> None:
    # BILL reads as a code (Markdown, a LEGI folder)
    for base in (work / "base.md", FIXTURES / "legi-xml"):
        code, _, err = run(capsys, "apply", work / "bill.txt", base)
        assert code == 2 and "inversés" in err, err
        one_line_error(err, "LD107")
        assert f"legidiff apply {base} {work / 'bill.txt'}" in err
    # BASE reads as a bill, and BILL holds no instruction
    blocks = work / "blocks.txt"
    blocks.write_text("Art. L. 1. – Le préfet.\n", "utf-8")
    code, _, err = run(capsys, "apply", work / "bill.txt", blocks)
    assert code == 2 and "BASE se lit comme un projet de loi" in err
    one_line_error(err, "LD107")
    # the right order still works
    code, _, _ = run(capsys, "apply", work / "base.md", work / "bill.txt")
    assert code == 0


def test_a_journal_officiel_copy_without_unwrap(capsys: pytest.CaptureFixture[str],
                                                work: Path) -> None:
    bill = work / "jo.txt"
    bill.write_text("Article 1er\nLe code de la sécurité intérieure est ainsi modifié :\n"
                    "1o A l'article L. 851-2, les mots : « en vigueur » sont supprimés.\n",
                    "utf-8")
    commands: list[list[str | Path]] = [["apply", work / "base.md", bill], ["parse", bill]]
    for command in commands:
        _, _, err = run(capsys, *command)
        assert "[LD231]" in err and "--unwrap" in err
        _, _, err = run(capsys, *command, "--unwrap")
        assert "[LD231]" not in err
    _, _, err = run(capsys, "apply", work / "base.md", work / "bill.txt")
    assert "[LD231]" not in err


# -- never silent: draft ------------------------------------------------------------------


def test_draft_of_identical_versions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "draft", SMALL, SMALL)
    assert code == 2 and out == "" and "rien à rédiger" in err
    one_line_error(err, "LD130")


def test_draft_of_an_article_that_does_not_exist(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    new = tmp_path / "new.md"
    new.write_text(SMALL.read_text("utf-8").replace("Le nombre maximal", "Le nombre plafond"),
                   "utf-8")
    code, out, err = run(capsys, "draft", SMALL, new, "--article", "L. 851-9")
    assert code == 2 and out == "" and "l'article L. 851-9 n'existe" in err
    assert "articles voisins : L. 851-2" in err
    one_line_error(err, "LD120")
    # an article that exists but did not change: nothing to draft
    code, out, err = run(capsys, "draft", SMALL, new, "--article", "L. 821-8")
    assert code == 2 and out == ""
    one_line_error(err, "LD130")
    code, out, _ = run(capsys, "draft", SMALL, new, "--article", "L. 851-2")
    assert code == 0 and "« plafond »" in out


TWINS = ("# Code X\n\n## Section 1\n\n### Article R1\n\nA.\n\n## Section 2\n\n"
         "### Article R1\n\nB.\n")


def test_draft_names_which_of_two_articles_of_a_number(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(TWINS, "utf-8")
    new.write_text(TWINS.replace("B.", "C."), "utf-8")
    code, _, err = run(capsys, "draft", old, old)
    assert code == 2 and "[LD130]" in err
    code, _, err = run(capsys, "draft", old, new)
    assert code != 0
    assert "2 articles portent le numéro R. 1 : les instructions rédigées ne disent pas " \
           "lequel elles modifient [LD110]\n  modifié : art_R1@2 (section 2)" in err
