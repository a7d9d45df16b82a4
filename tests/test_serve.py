"""``legidiff serve``: the endpoint (a real server on a free port, in a thread), its bounds
and refusals, the escaping of hostile text, the command, and the page in headless
Chromium (typed into, read back from the DOM)."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from headless import Browser, chromium
from support import EXAMPLES

from legidiff.apply.consolidate import consolidate
from legidiff.bill.parse import parse_bill
from legidiff.document.model import Alinea, Article, Code
from legidiff.formats import Base, Format, read_base
from legidiff.lang.text import visible
from legidiff.render import serve as serve_module
from legidiff.render.serve import ENDPOINT, Limits, Server, _allowed_host, is_loopback

CSI = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
SENATE = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"
ELECTORAL = Code("Code électoral", (Article("L1", (Alinea("Le préfet signe le registre."),
                                                   Alinea("Le maire le garde."))),))


def started(base: Base, limits: Limits | None = None) -> Server:
    server = Server(base, "127.0.0.1", 0, limits or Limits())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def csi() -> Iterator[Server]:
    server = started(read_base(CSI))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def electoral() -> Iterator[Server]:
    server = started(Base(ELECTORAL, Format.JSON, Path("electoral.json")),
                     Limits(max_bytes=2_000, seconds=20))
    yield server
    server.shutdown()
    server.server_close()


def post(server: Server, data: bytes, headers: dict[str, str] | None = None,
         path: str = ENDPOINT) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(server.url.rstrip("/") + path, data=data, method="POST",
                                     headers={"Content-Type": "application/json",
                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    text = body.decode("utf-8")
    assert "Traceback" not in text and 'File "' not in text
    answer: dict[str, Any] = json.loads(text)
    return status, answer


def bill(server: Server, text: str, title: str | None = None) -> dict[str, Any]:
    status, answer = post(server, json.dumps({"bill": text, "title": title}).encode())
    assert status == 200, answer
    return answer


def codes(answer: dict[str, Any]) -> list[str]:
    return [d["code"] for d in answer["diagnostics"]]


# -- the endpoint -----------------------------------------------------------------------


def test_the_senate_bill_through_the_endpoint(csi: Server) -> None:
    text = SENATE.read_text("utf-8")
    answer = bill(csi, text)
    # what the engine gives for the same bill on the same base, in this process
    parsed = parse_bill(text, path=serve_module.BILL_NAME)
    expected = consolidate(csi.base.code, parsed, path=serve_module.BILL_NAME)
    assert answer["results"] == [r.to_json() for r in expected.results]
    assert answer["counts"] == {"applied": 10, "standalone": 2} == expected.counts()
    assert answer["complete"] is True and answer["error"] is False
    assert [r["kind"] for r in answer["results"]].count("replace_words") == 6
    assert answer["results"][-3]["target"].endswith("livre_8/titre_5/chapitre_2")
    # the consolidated articles: the engine's text of each changed article
    numbers = [a["number"] for a in answer["articles"]]
    assert numbers == ["L. 822-2", "L. 852-3", "L. 853-2", "L. 853-3", "L. 871-3",
                       "L. 871-6", "L. 871-7"]
    for article in answer["articles"]:
        (path,) = expected.code.find_articles(article["number"])
        assert article["alineas"] == [visible(a.text, a.markup) for a in path.article.alineas]
    # the redline page: the words inserted, a whole reference never cut
    redline = answer["html"]["redline"]
    assert redline.startswith("<!DOCTYPE html>")
    assert "<ins" in redline and ">, L. 852-2</ins>" in redline
    assert "L. 852-3</ins>" in redline
    assert 'id="art_L852-3"' in redline
    assert "Article L. 852-3" in answer["html"]["articles"]


def test_failures_come_back_as_diagnostics_with_their_lines(electoral: Server) -> None:
    answer = bill(electoral, "Article 1er\nÀ l'article L. 1 du code électoral, le mot : "
                             "« sous-préfet » est remplacé par le mot : « recteur ».\n"
                             "Article 2\nÀ l'article L. 9 du code électoral, le mot : « maire » "
                             "est remplacé par le mot : « recteur ».\n")
    assert answer["complete"] is False
    assert [r["status"] for r in answer["results"]] == ["failed", "failed"]
    assert codes(answer) == ["LD302", "LD301"]
    assert [d["line"] for d in answer["diagnostics"]] == [2, 4]
    html = answer["html"]["diagnostics"]
    assert 'data-line="2"' in html and "LD302" in html and "ligne 4" in html
    assert "Consolidation incomplète" in html
    assert answer["articles"] == []


def test_the_same_bill_corrected_applies(electoral: Server) -> None:
    answer = bill(electoral, "Article 1er\nÀ l'article L. 1 du code électoral, le mot : "
                             "« préfet » est remplacé par le mot : « recteur ».\n")
    assert answer["complete"] is True and codes(answer) == []
    assert answer["articles"] == [{"number": "L. 1", "status": "modifié", "where": "",
                                   "alineas": ["Le recteur signe le registre.",
                                               "Le maire le garde."]}]
    redline = answer["html"]["redline"]
    assert ">préfet</del>" in redline and ">recteur</ins>" in redline


def test_a_sentence_not_understood_is_a_diagnostic(electoral: Server) -> None:
    answer = bill(electoral, "Article 1er\nÀ l'article L. 1 du code électoral, le mot : "
                             "« préfet » est remplacé.\n")
    assert answer["complete"] is False and answer["counts"] == {"unrecognized": 1}
    assert codes(answer) == ["LD203", "LD309"]
    assert "ne s&#39;appliquent pas" in answer["html"]["diagnostics"]


def test_an_empty_bill(electoral: Server) -> None:
    answer = bill(electoral, "  \n")
    assert answer["empty"] is True and answer["diagnostics"] == []
    assert answer["html"]["redline"] == ""
    answer = bill(electoral, "Article 1er\n")
    assert "LD230" in codes(answer)


def test_hostile_text_is_escaped_everywhere(electoral: Server) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    answer = bill(electoral, f"Article 1er\nÀ l'article L. 1 du code électoral, le mot : "
                             f"« préfet » est remplacé par les mots : « a < b && c > d ».\n"
                             f"Article 2\nÀ l'article L. 1 du code électoral, le mot : "
                             f"« {hostile} » est supprimé.\n", title=hostile)
    html = answer["html"]
    for fragment in (html["diagnostics"], html["articles"], html["redline"]):
        # the redline page's one script is its own (the index's filter; the frame that
        # shows it runs none): never the content's
        scripts = 1 if fragment is html["redline"] else 0
        assert fragment.lower().count("<script") == scripts and "<img" not in fragment.lower()
        assert "<script>alert" not in fragment
    # the texts are there, as text: the words written, the words looked for, the title
    assert "Le a &lt; b &amp;&amp; c &gt; d signe" in html["articles"]
    assert "a &lt; b &amp;&amp; c &gt; d</ins>" in html["redline"]
    assert codes(answer) == ["LD302"]
    assert "« &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img" in html["diagnostics"]
    assert "<h1>&lt;script&gt;alert(" in html["redline"]
    # the title of the base, on the page
    base = Base(Code(hostile, ELECTORAL.children), Format.JSON, Path("x.json"))
    server = started(base)
    try:
        with urllib.request.urlopen(server.url, timeout=30) as response:
            page = response.read().decode("utf-8")
            policy = response.headers["Content-Security-Policy"]
    finally:
        server.shutdown()
        server.server_close()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split(
        "script-src")[1].split(";")[0]


# -- bounds and refusals ---------------------------------------------------------------


def test_a_request_too_large_is_refused_with_a_clear_error(electoral: Server) -> None:
    text = "Article 1er\n" + "Le présent article est long. " * 200
    status, answer = post(electoral, json.dumps({"bill": text}).encode())
    assert status == 413
    assert codes(answer) == ["LD501"] and answer["error"] is True
    message = answer["diagnostics"][0]["message"]
    assert message == f"texte trop long : {len(json.dumps({'bill': text})):,} octets pour " \
                      "2,000 au plus".replace(",", " ")
    assert "texte trop long" in answer["html"]["diagnostics"]
    # announced with Expect: 100-continue, it is refused before the body is sent
    host, port = electoral.server_address[:2]
    with socket.create_connection((str(host), port), timeout=30) as conn:
        conn.sendall(f"POST {ENDPOINT} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 5000000\r\n"
                     "Expect: 100-continue\r\n\r\n".encode())
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and b"100 Continue" not in head
    assert json.loads(body)["diagnostics"][0]["code"] == "LD501"


def test_the_time_of_an_analysis_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # an analysis that never ends (the forked process inherits the patch): the bound, not
    # the speed of the machine, decides (the Senate bill alone once ended within 0.05 s)
    monkeypatch.setattr(serve_module, "analyse", lambda *_: time.sleep(60))
    server = started(read_base(CSI), Limits(seconds=0.5))
    try:
        begun = time.monotonic()
        status, answer = post(server, json.dumps({"bill": SENATE.read_text("utf-8")}).encode())
        assert time.monotonic() - begun < 30
    finally:
        server.shutdown()
        server.server_close()
    assert status == 200 and codes(answer) == ["LD502"]
    assert "interrompue" in answer["diagnostics"][0]["message"]


def test_where_processes_cannot_be_forked_the_analysis_runs_in_the_thread(
        monkeypatch: pytest.MonkeyPatch) -> None:
    base, text = read_base(CSI), SENATE.read_text("utf-8")
    forked = serve_module.bounded(base, text, None, 60)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", None)  # not called
    answer = serve_module.bounded(base, text, None, 60)
    assert answer == forked == serve_module.analyse(base, text)
    assert len(json.dumps(answer)) > 1 << 16  # more than a pipe holds


def test_an_analysis_nobody_waits_for_is_stopped(csi: Server,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    text = SENATE.read_text("utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(serve_module, "analyse", lambda *_: time.sleep(60))  # forked too
        started_at = time.monotonic()
        assert serve_module.bounded(csi.base, text, None, 60, gone=lambda: True) is None
        assert time.monotonic() - started_at < 30
    # a client that sends a bill and leaves gets nothing; the next one is answered
    body = json.dumps({"bill": text}).encode()
    host, port = csi.server_address[:2]
    with socket.create_connection((str(host), port), timeout=30) as conn:
        conn.sendall(f"POST {ENDPOINT} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                     "\r\n".encode() + body)
    assert bill(csi, text)["counts"] == {"applied": 10, "standalone": 2}


def test_malformed_requests_are_refused_with_a_diagnostic(electoral: Server) -> None:
    status, answer = post(electoral, b"{not json")
    assert (status, codes(answer)) == (400, ["LD503"])
    status, answer = post(electoral, b"\xff\xfe")
    assert (status, codes(answer)) == (400, ["LD503"])
    status, answer = post(electoral, json.dumps({"texte": "x"}).encode())
    assert (status, codes(answer)) == (400, ["LD503"])
    status, answer = post(electoral, b"{}", headers={"Content-Type": "text/plain"})
    assert (status, codes(answer)) == (415, ["LD503"])
    status, answer = post(electoral, b"{}", path="/ailleurs")
    assert (status, codes(answer)) == (404, ["LD503"])
    # a name other than an address or localhost (DNS rebinding) is refused
    status, answer = post(electoral, b'{"bill": ""}', headers={"Host": "evil.example"})
    assert (status, codes(answer)) == (421, ["LD503"])
    # half a surrogate pair (JSON may hold one, UTF-8 cannot): replaced, not a crash
    status, answer = post(electoral, b'{"bill": "Article 1er\\nLe \\ud800 texte.", '
                                     b'"title": "\\udc00"}')
    assert status == 200 and answer["title"] == "\ufffd"
    # the connection is still usable after a refusal: the next request is answered
    assert bill(electoral, "")["empty"] is True


def test_a_failure_of_the_engine_is_a_diagnostic_not_a_traceback(
        electoral: Server, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    def broken(*_: object) -> dict[str, Any]:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(serve_module, "analyse", broken)  # the forked process inherits it
    status, answer = post(electoral, b'{"bill": "Article 1er"}')
    assert status == 500 and codes(answer) == ["LD504"]
    assert "secret internals" not in json.dumps(answer)
    assert "RuntimeError" in answer["diagnostics"][0]["message"]
    assert "secret internals" in capfd.readouterr().err  # the trace is on the console


def test_get_serves_the_page_and_its_assets(electoral: Server) -> None:
    with urllib.request.urlopen(electoral.url, timeout=30) as response:
        page = response.read().decode("utf-8")
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert '<html lang="fr">' in page and "Code électoral" in page
    assert '<textarea id="bill"' in page and 'sandbox="allow-same-origin"' in page
    for asset, kind in (("serve.js", "text/javascript"), ("serve.css", "text/css")):
        with urllib.request.urlopen(electoral.url + asset, timeout=30) as response:
            assert response.headers["Content-Type"].startswith(kind)
            assert len(response.read()) > 500
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(electoral.url + "etc/passwd", timeout=30)
    assert error.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(urllib.request.Request(electoral.url, method="PUT"), timeout=30)
    assert error.value.code == 501
    assert "Requête refusée (erreur 501)" in error.value.read().decode("utf-8")


def test_loopback_and_allowed_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert not is_loopback("example.org")
    assert _allowed_host("127.0.0.1:8765", "127.0.0.1")
    assert _allowed_host("localhost:8765", "127.0.0.1")
    assert _allowed_host("[::1]:8765", "::1")
    assert _allowed_host("192.168.1.2:8765", "0.0.0.0")
    assert _allowed_host("atelier:8765", "atelier")
    assert not _allowed_host("evil.example:8765", "127.0.0.1")
    assert not _allowed_host(None, "127.0.0.1") and not _allowed_host("", "127.0.0.1")


# -- the command ------------------------------------------------------------------------


def run_serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """``legidiff serve`` started, with the first line it says."""
    # from outside the checkout: its source folder would shadow the installed package
    process = subprocess.Popen([sys.executable, "-m", "legidiff", "serve", str(CSI), *args],
                               cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    return process, process.stderr.readline()


def test_the_command_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    process, line = run_serve(tmp_path, "--port", "0")
    try:
        assert "page ouverte sur http://127.0.0.1:" in line and "7 articles" in line
        url = line.split("page ouverte sur ")[1].split()[0]
        with urllib.request.urlopen(url, timeout=30) as response:
            assert "Code de la sécurité intérieure" in response.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 128 + signal.SIGTERM


def test_a_host_beyond_this_machine_is_served_with_a_warning(tmp_path: Path) -> None:
    process, line = run_serve(tmp_path, "--host", "0.0.0.0", "--port", "0")
    try:
        assert line.startswith("legidiff: attention : le serveur écoute sur 0.0.0.0")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_the_command_refuses_a_bad_port(tmp_path: Path) -> None:
    for port in ("70000", "-1"):
        done = subprocess.run([sys.executable, "-m", "legidiff", "serve", str(CSI), "--port",
                               port], cwd=tmp_path, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 2 and "[LD106]" in done.stderr
        assert "Traceback" not in done.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        done = subprocess.run([sys.executable, "-m", "legidiff", "serve", str(CSI), "--port",
                               str(taken.getsockname()[1])], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "impossible d'écouter" in done.stderr


# -- in a browser ---------------------------------------------------------------------------

REDLINE_INS = ("[...document.getElementById('redline').contentDocument"
               ".querySelectorAll('ins')].map(e => e.textContent)")


class InsReader(HTMLParser):
    """The text of each ``<ins>`` of a page, as the DOM's ``textContent`` gives it."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ins":
            self.depth += 1
            if self.depth == 1:
                self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ins":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts[-1] += data

    @classmethod
    def of(cls, page: str) -> list[str]:
        reader = cls()
        reader.feed(page)
        return reader.texts


@pytest.mark.skipif(chromium() is None, reason="headless Chromium is absent (Debian's "
                    "'chromium' package, installed by .ci/run): the browser test does not run")
def test_typing_a_bill_in_the_page_refreshes_the_redline(csi: Server, tmp_path: Path) -> None:
    senate = SENATE.read_text("utf-8")
    typed = ("\nArticle 12\nÀ l'article L. 822-2 du code de la sécurité intérieure, le mot : "
             "« Trente » est remplacé par le mot : « Quarante ».")
    with Browser(tmp_path / "profile") as browser:
        browser.open(csi.url)
        assert browser.evaluate("document.documentElement.lang") == "fr"
        browser.focus("#bill")
        browser.paste(senate)
        browser.wait_for("document.body.dataset.state === 'ready'")
        first = browser.evaluate(REDLINE_INS)
        assert ", L. 852-2" in first and "Quarante" not in first
        browser.type(typed, pause=0.03)  # typed, key by key
        browser.wait_for("document.body.dataset.state === 'ready' && "
                         "document.getElementById('redline').contentDocument.body"
                         ".textContent.includes('Quarante')")
        # the redline read back from the DOM: the engine's inserted words, in order
        expected = bill(csi, senate + typed)
        assert browser.evaluate("document.getElementById('bill').value") == senate + typed
        inserted = browser.evaluate(REDLINE_INS)
        assert "Quarante" in inserted
        assert inserted == InsReader.of(expected["html"]["redline"])
        # the diagnostic and the consolidated articles followed
        assert "11 instructions appliquées" in browser.evaluate(
            "document.getElementById('diagnostics').textContent")
        articles = browser.evaluate("document.getElementById('articles').textContent")
        assert "1° Quarante jours à compter de leur recueil" in articles
        shots = Path(os.environ.get("LEGIDIFF_SHOTS", tmp_path))  # to look at them
        shots.mkdir(parents=True, exist_ok=True)
        browser.screenshot(shots / "serve-page.png")
        # a mistake typed: the diagnostic says where, with its code
        browser.type("\nArticle 13\nÀ l'article L. 822-2 du code de la sécurité intérieure, "
                     "le mot : « Cinquante » est supprimé.", pause=0)
        browser.wait_for("document.body.dataset.state === 'ready' && document.getElementById("
                         "'diagnostics').textContent.includes('LD302')")
        line = len((senate + typed).splitlines()) + 2
        assert browser.evaluate("document.querySelector('#diagnostics li.diag.error')"
                                ".dataset.line") == str(line)
        browser.screenshot(shots / "serve-page-diagnostic.png")
