"""A local page to work in (``legidiff serve BASE``): the user pastes or edits a bill and
sees, as they type, the diagnostics, the redline and the consolidated articles.

The base is read once, at start. The page (``templates/serve.html.j2``, its script and
style beside it) posts the bill to ``POST /api/analyse`` a moment after each keystroke;
the answer (:func:`analyse`) is JSON: what became of each instruction, the diagnostics
with their codes, and three HTML fragments — the diagnostics, the redline page of
:func:`legidiff.render.pages.render_redline` (shown in a sandboxed frame that runs no
script) and the consolidated articles.

Bounds: a request body over ``Limits.max_bytes`` is refused (LD501) without being read;
each analysis runs in a process of its own, forked from the server (the base is shared,
not copied), killed after ``Limits.seconds`` (LD502). A malformed request (LD503) and
any failure of the engine (LD504) are answered with a diagnostic, never a traceback.
The server binds to the loopback interface unless told otherwise, and answers only
requests whose ``Host`` names an address or ``localhost`` (a web page elsewhere cannot
reach it through a name it controls), and only JSON posts (a page elsewhere cannot post
without asking first, and is not answered).

>>> from pathlib import Path
>>> from legidiff.document.model import Alinea, Article, Code
>>> from legidiff.formats import Base, Format
>>> base = Base(Code("Code électoral", (Article("L1", (Alinea("Le préfet signe."),)),)),
...             Format.JSON, Path("electoral.json"))
>>> answer = analyse(base, "Article 1er\\nÀ l'article L. 1 du code électoral, le mot : "
...                  "« préfet » est remplacé par le mot : « maire ».\\n")
>>> answer["complete"], answer["counts"], answer["articles"][0]["alineas"]
(True, {'applied': 1}, ['Le maire signe.'])
"""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import json
import multiprocessing
import re
import select
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import urlsplit

from legidiff._version import __version__
from legidiff.apply.consolidate import consolidate
from legidiff.bill.parse import parse_bill
from legidiff.diagnostics import CODES, Diagnostic, LegidiffError, Location, Severity
from legidiff.formats import Base
from legidiff.lang.text import counted
from legidiff.render.pages import environment, render_redline
from legidiff.render.redline import ArticleStatus, compare

FORMAT = "legidiff-serve"
VERSION = 1
BILL_NAME = "<projet>"  # the bill's name in diagnostics: it has no file
ENDPOINT = "/api/analyse"

# what the page may load: its own script and style, the redline's inline style (in a
# frame whose document inherits this policy), nothing from elsewhere
_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
           "connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; "
           "form-action 'none'; frame-ancestors 'none'")
_POLL_SECONDS = 0.1  # how often a running analysis checks that its client still waits
_DRAIN_BYTES, _DRAIN_SECONDS = 64 << 20, 5.0  # what is read of a body refused, at most
_ASSETS = {"/serve.js": ("serve.js.j2", "text/javascript; charset=utf-8"),
           "/serve.css": ("serve.css.j2", "text/css; charset=utf-8")}


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of one request: the body's size in bytes, the analysis's time in seconds,
    the analyses run at once (more wait, up to the time bound)."""

    max_bytes: int = 2_000_000
    seconds: float = 30.0
    parallel: int = 2


_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "applied": ("instruction appliquée", "instructions appliquées"),
    "failed": ("instruction en échec", "instructions en échec"),
    "unrecognized": ("phrase non comprise", "phrases non comprises"),
    "out_of_scope": ("instruction hors du texte", "instructions hors du texte"),
    "standalone": ("disposition autonome", "dispositions autonomes")}
_SEVERITY_LABELS = {"error": "erreur", "warning": "avertissement", "info": "information"}


def _count_label(status: str, n: int) -> str:
    return counted(n, *_STATUS_LABELS.get(status, (status, status)))


# -- the analysis ------------------------------------------------------------------------


def analyse(base: Base, text: str, title: str | None = None) -> dict[str, Any]:
    """The bill ``text`` parsed and applied to ``base``: the answer of ``POST /api/analyse``
    (see the module's docstring). Never raises on a bad bill: its faults are diagnostics."""
    if not text.strip():
        return _answer([], {}, True, [], [], "", empty=True)
    bill = parse_bill(text, title=title or None, code=None, path=BILL_NAME)
    consolidation = consolidate(base.code, bill, path=BILL_NAME)
    diagnostics = _unique([*bill.diagnostics, *consolidation.diagnostics])
    if not (bill.operations or bill.unrecognized or bill.provisions):
        diagnostics.append(Diagnostic("LD230", Severity.WARNING, "le projet de loi est vide : "
                                      "ni article ni instruction", Location(BILL_NAME)))
    view = compare(base.code, consolidation.code, consolidation, bill)
    articles = [{"number": a.number, "status": a.status.value, "where": a.where,
                 "alineas": [] if a.status is ArticleStatus.REPEALED
                 else [al.new_text for al in a.new_alineas]}
                for a in view.articles]
    results = [r.to_json() for r in consolidation.results]
    return _answer(results, consolidation.counts(), consolidation.complete, diagnostics,
                   articles, render_redline(view), title=view.title)


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each diagnostic once (several operations of one sentence share theirs), in the
    order of the bill's lines."""
    seen: dict[tuple[object, ...], Diagnostic] = {}
    for d in diagnostics:
        line = d.location.line if d.location else None
        seen.setdefault((d.code, line, d.message, d.evidence), d)
    return sorted(seen.values(), key=lambda d: (d.location.line or 0) if d.location else 0)


def _answer(results: list[dict[str, object]], counts: dict[str, int], complete: bool,
            diagnostics: list[Diagnostic], articles: list[dict[str, Any]], redline: str,
            *, empty: bool = False, title: str = "", error: bool = False) -> dict[str, Any]:
    env = environment()
    return {"format": FORMAT, "version": VERSION, "error": error, "empty": empty,
            "title": title,
            "complete": complete, "counts": counts, "results": results,
            "diagnostics": [d.to_json() for d in diagnostics],
            "articles": articles,
            "html": {
                "diagnostics": env.get_template("serve-diagnostics.html.j2").render(
                    diagnostics=diagnostics, counts=counts, complete=complete, empty=empty,
                    error=error, count_label=_count_label, severity_labels=_SEVERITY_LABELS),
                "articles": env.get_template("serve-articles.html.j2").render(
                    articles=articles, empty=empty),
                "redline": redline}}


def failure(code: str, message: str, evidence: str | None = None) -> dict[str, Any]:
    """The answer to a request that could not be analysed: one error diagnostic."""
    diagnostic = Diagnostic(code, Severity.ERROR, message, evidence=evidence)
    return _answer([], {}, False, [diagnostic], [], "", error=True)


# -- one analysis in a process of its own, bounded in time ---------------------------------


def _guarded(base: Base, text: str, title: str | None) -> dict[str, Any]:
    """:func:`analyse`, whose errors are diagnostics: an error of the engine (its bug)
    in one line, its trace on the server's console."""
    try:
        return analyse(base, text, title)
    except LegidiffError as e:
        d = e.diagnostic
        return failure(d.code if d.code in CODES else "LD504", d.message, d.evidence)
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        return failure("LD504", f"erreur interne de legidiff ({type(e).__name__}) : "
                                "le texte n'a pas pu être analysé")


def _child(base: Base, text: str, title: str | None, out: Connection) -> None:
    out.send(_guarded(base, text, title))
    out.close()


def bounded(base: Base, text: str, title: str | None, seconds: float,
            gone: Callable[[], bool] = lambda: False) -> dict[str, Any] | None:
    """:func:`analyse` in a forked process, killed after ``seconds`` (LD502), or as soon
    as ``gone()`` says nobody waits for the answer any more (None then: the page sent a
    newer text). Where processes cannot be forked, in this thread, unbounded."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return _guarded(base, text, title)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(base, text, title, sender), daemon=True)
    process.start()
    sender.close()
    deadline = time.monotonic() + seconds
    try:
        while not receiver.poll(min(_POLL_SECONDS, max(0.0, deadline - time.monotonic()))):
            if gone():
                return None
            if time.monotonic() >= deadline:
                break
        else:
            return dict(receiver.recv())
        return failure("LD502", f"analyse interrompue après {seconds:g} s : le texte est "
                                "trop long ou trop complexe pour être analysé à chaque frappe",
                       "legidiff apply BASE BILL le traite sans limite de temps")
    except EOFError:  # the process died without answering
        return failure("LD504", "erreur interne de legidiff : le processus d'analyse s'est "
                                "arrêté sans répondre")
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()


# -- the server ----------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) is the machine itself only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _allowed_host(header: str | None, bound: str) -> bool:
    """A ``Host`` header naming an address, ``localhost`` or the host the server was
    bound to: a name elsewhere (DNS rebinding) is refused."""
    if not header:
        return False
    name = urlsplit(f"//{header}").hostname
    if name is None:
        return False
    if name in ("localhost", bound.lower()):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class Server(http.server.ThreadingHTTPServer):
    """The page's server: the base, the limits, and a bound on analyses run at once."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, base: Base, host: str = "127.0.0.1", port: int = 8765,
                 limits: Limits = Limits()):
        self.base = base
        self.limits = limits
        self.host = host
        self.slots = threading.BoundedSemaphore(limits.parallel)
        if ":" in host:  # an IPv6 address ("::1")
            self.address_family = socket.AF_INET6
        super().__init__((host.strip("[]"), port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Server
    unread: bool  # the request's body is yet to be read
    server_version = f"legidiff/{__version__}"
    sys_version = ""
    timeout = 30  # a client that stops sending is dropped
    protocol_version = "HTTP/1.1"
    # what http.server says of a request it cannot read (a method other than GET and
    # POST, a request line or headers too long): a line, never a trace
    error_message_format = ('<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
                            "<title>Erreur %(code)d</title></head><body><p>Requête refusée "
                            "(erreur %(code)d) : %(message)s.</p></body></html>\n")

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the console is for the server's own messages."""

    def version_string(self) -> str:
        return self.server_version

    def handle_expect_100(self) -> bool:
        """A client asking before it sends a body too long is answered at once (LD501),
        without reading it."""
        if self._too_long() is None:
            return super().handle_expect_100()
        self.close_connection = True
        self._json(413, self._too_long_answer())
        return False

    def _too_long(self) -> int | None:
        """The body's length, when over the limit."""
        length = (self.headers.get("Content-Length") or "").strip()
        if length.isdigit() and int(length) > self.server.limits.max_bytes:
            return int(length)
        return None

    def _too_long_answer(self) -> dict[str, Any]:
        size, limit = self._too_long() or 0, self.server.limits.max_bytes
        return failure("LD501", f"texte trop long : {size:,} octets pour {limit:,} au plus"
                       .replace(",", " "),
                       "legidiff apply BASE BILL traite un texte de toute longueur")

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        path = urlsplit(self.path).path
        if path == "/":
            page = environment().get_template("serve.html.j2").render(
                title=self.server.base.code.title or "texte sans titre",
                base=self.server.base.path.name, endpoint=ENDPOINT,
                max_bytes=self.server.limits.max_bytes)
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
        elif path in _ASSETS:
            name, kind = _ASSETS[path]
            self._send(200, environment().get_template(name).render().encode("utf-8"), kind)
        else:
            self._send(404, b"page introuvable\n", "text/plain; charset=utf-8")

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        self.unread = True  # the body
        try:
            answer = self._read_and_analyse()
        except Exception as e:  # the server's bug: a diagnostic, the trace on the console
            traceback.print_exc(file=sys.stderr)
            answer = 500, failure("LD504", f"erreur interne du serveur ({type(e).__name__})")
        if answer is None:  # the client left
            self.close_connection = True
            return
        if isinstance(answer, tuple):  # refused: the body is read and dropped
            self._refuse(*answer)
            return
        internal = answer.get("error") and answer["diagnostics"][0]["code"] == "LD504"
        self._json(500 if internal else 200, answer)

    def _read_and_analyse(self) -> dict[str, Any] | tuple[int, dict[str, Any]] | None:
        """The analysis of the request's bill, or why the request is refused (its HTTP
        status and answer), or None when the client left before its answer."""
        if urlsplit(self.path).path != ENDPOINT:
            return 404, failure("LD503", f"adresse inconnue : seule {ENDPOINT} reçoit un texte")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind != "application/json":
            return 415, failure("LD503", "requête refusée : le texte s'envoie en JSON "
                                         "(Content-Type: application/json)")
        length = (self.headers.get("Content-Length") or "").strip()
        if not length.isdigit():
            return 411, failure("LD503", "requête refusée : sa longueur (Content-Length) "
                                         "n'est pas donnée")
        if self._too_long() is not None:
            return 413, self._too_long_answer()
        try:
            data = self.rfile.read(int(length))
            self.unread = False
            body = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return 400, failure("LD503", "requête mal formée : le corps n'est pas du JSON "
                                         "en UTF-8")
        bill, title = _fields(body)
        if bill is None:
            return 400, failure("LD503", "requête mal formée : attendu "
                                         '{"bill": "texte du projet", "title": "…"}')
        if not self.server.slots.acquire(timeout=self.server.limits.seconds):
            return 503, failure("LD502", "le serveur est occupé par d'autres analyses : "
                                         "réessayez dans un instant")
        try:
            if self._gone():
                return None
            return bounded(self.server.base, bill, title, self.server.limits.seconds,
                           self._gone)
        finally:
            self.server.slots.release()

    def _gone(self) -> bool:
        """Whether the client closed the connection (the page sent a newer text and
        dropped this request): its analysis is not worth running."""
        try:
            if not select.select([self.connection], [], [], 0)[0]:
                return False  # still connected, nothing sent
            peek: bytes = self.connection.recv(1, socket.MSG_PEEK)  # readable: no wait
        except OSError:
            return True
        return peek == b""

    def _host_ok(self) -> bool:
        if _allowed_host(self.headers.get("Host"), self.server.host):
            return True
        self._refuse(421, failure("LD503", "requête refusée : l'en-tête Host ne nomme pas ce "
                                           "serveur"))
        return False

    def _refuse(self, status: int, answer: dict[str, Any]) -> None:
        """Answer with one diagnostic and close the connection; the body, if any, is read
        and dropped first (a bounded amount, for a bounded time): a client still sending
        when the connection closes would not read the answer."""
        self.close_connection = True
        length = (self.headers.get("Content-Length") or "").strip()
        unread = getattr(self, "unread", True) and length.isdigit()
        left = min(int(length), _DRAIN_BYTES) if unread else 0
        deadline = time.monotonic() + _DRAIN_SECONDS
        with contextlib.suppress(OSError):
            self.connection.settimeout(_DRAIN_SECONDS)
            while left > 0 and time.monotonic() < deadline:
                chunk = self.rfile.read1(min(left, 1 << 16))
                if not chunk:
                    break
                left -= len(chunk)
        self._json(status, answer)

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", _POLICY)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


def _fields(body: object) -> tuple[str | None, str | None]:
    """The bill and its title from the request's JSON (None for the bill when malformed)."""
    if not isinstance(body, dict) or not isinstance(body.get("bill"), str):
        return None, None
    title = body.get("title")
    return (_LONE_SURROGATE_RE.sub("\ufffd", body["bill"]),
            _LONE_SURROGATE_RE.sub("\ufffd", title) if isinstance(title, str) and title.strip()
            else None)


# JSON may escape half a surrogate pair ("\ud800"), which no UTF-8 text can hold
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def serve(base: Base, host: str = "127.0.0.1", port: int = 8765, *,
          limits: Limits = Limits(), ready: Callable[[Server], None] | None = None) -> None:
    """Serve the page until interrupted (Ctrl-C); ``ready`` is called once listening."""
    with Server(base, host, port, limits) as server:
        if ready is not None:
            ready(server)
        server.serve_forever()
