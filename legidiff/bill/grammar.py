"""Loading the Lark grammars shipped in ``legidiff.grammars`` (the repository's
``grammars/`` folder)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from lark import Lark, Token, Transformer
from lark.lexer import BasicLexer, ContextualLexer
from lark.parsers.lalr_analysis import Shift

from legidiff.lang.codes import CODE_NAME_PATTERN
from legidiff.lang.vocabulary import grammar_terminals


def grammar_text(name: str) -> str:
    """The text of ``grammars/<name>.lark`` as installed with the package, followed by
    the terminals generated from :mod:`legidiff.lang.vocabulary` (the verbs, the nouns
    of quoted words and of divisions, the adverbs, the ordinals) and from
    :mod:`legidiff.lang.codes` (the names of the codes)."""
    text = resources.files("legidiff.grammars").joinpath(f"{name}.lark").read_text("utf-8")
    return (text + "\n" + grammar_terminals()
            + "// ---- generated from legidiff/lang/codes.py ----\n"
            + f"KNOWN_CODE.5: /{CODE_NAME_PATTERN}/i\n")


@cache
def parser(name: str, start: str = "start") -> Lark:
    """An LALR parser (contextual lexer) for a grammar, built once per process."""
    return Lark(grammar_text(name), parser="lalr", lexer="contextual", start=start,
                maybe_placeholders=False)


def transforming_parser(name: str, transformer: Transformer[Any, Any],
                        start: list[str] | None = None) -> FastLALR:
    """An LALR parser that applies ``transformer`` while parsing: no tree is built (the
    benchmark measured it worth a third of the time), driven by :class:`FastLALR`."""
    return FastLALR(Lark(grammar_text(name), parser="lalr", lexer="contextual",
                         start=start or "start", maybe_placeholders=False,
                         transformer=transformer))


class _Fallback(Exception):
    """The fast loop met something it leaves to Lark (an error, a line break)."""


class FastLALR:
    """Lark's LALR parser and contextual lexer, driven by one tight loop.

    The same parse table, the same per-state terminal scanners (hence the same tokens, in
    the same order, with the same positions) and the same rule callbacks (the
    transformer) as the :class:`lark.Lark` object it wraps; only Lark's per-token
    machinery (generators, lexer and parser state objects, line counting) is left out.
    Anything else — a syntax error, a text with a line break, a terminal or ignored
    token with a lexer callback — is parsed again by Lark itself, so that errors carry
    Lark's exact exception, token and position. ``tests/test_grammar_fast.py`` compares
    the two on the corpus."""

    def __init__(self, lark: Lark):
        self.lark = lark
        frontend = lark.parser
        parser = frontend.parser.parser
        table = parser.parse_table
        self._start_states: dict[str, int] = dict(table.start_states)
        self._end_states: dict[str, int] = dict(table.end_states)
        callbacks = parser.callbacks
        # per state: token type → (is_shift, next state | (rule size, origin, callback))
        self._actions: dict[int, dict[str, tuple[bool, Any]]] = {}
        for state, actions in table.states.items():
            mine: dict[str, tuple[bool, Any]] = {}
            for name, (action, arg) in actions.items():
                if action is Shift:
                    mine[name] = (True, arg)
                else:
                    mine[name] = (False, (len(arg.expansion), arg.origin.name, callbacks[arg]))
            self._actions[state] = mine
        self._token_callbacks = {k for k in callbacks if isinstance(k, str)}
        # per state: the compiled alternations of its scanner, and its ignored types
        lexer = frontend.lexer
        self._scanners: dict[int, tuple[tuple[re.Pattern[str], ...], frozenset[str]]] = {}
        self._usable = isinstance(lexer, ContextualLexer) and not self._token_callbacks \
            and frontend.lexer_conf.postlex is None
        if self._usable:
            for state, basic in lexer.lexers.items():
                assert isinstance(basic, BasicLexer)
                scanner = basic.scanner
                if basic.callback:
                    self._usable = False
                    break
                self._scanners[state] = (tuple(scanner._mres), basic.ignore_types)

    def parse(self, text: str, start: str = "start") -> Any:
        if not self._usable or "\n" in text:
            return self.lark.parse(text, start=start)
        try:
            return self._parse(text, start)
        except _Fallback:
            return self.lark.parse(text, start=start)

    def _parse(self, text: str, start: str) -> Any:
        actions = self._actions
        scanners = self._scanners
        end_state = self._end_states[start]
        states = [self._start_states[start]]
        values: list[Any] = []
        pos = 0
        n = len(text)
        token: Token | None = None
        new_token = Token._future_new
        while True:
            # the next token, lexed in the context of the current state
            kind = None
            while pos < n:
                mres, ignore = scanners[states[-1]]
                for mre in mres:
                    m = mre.match(text, pos)
                    if m is not None:
                        break
                else:
                    raise _Fallback
                value = m.group(0)
                kind = m.lastgroup
                end = pos + len(value)
                if kind in ignore:
                    pos = end
                    kind = None
                    continue
                token = new_token(kind, value, pos, 1, pos + 1, 1, end + 1, end)
                pos = end
                break
            is_end = kind is None
            if is_end:
                token = (Token("$END", "", 0, 1, 1) if token is None
                         else Token.new_borrow_pos("$END", "", token))
            assert token is not None
            kind = token.type
            while True:
                try:
                    is_shift, arg = actions[states[-1]][kind]
                except KeyError:
                    raise _Fallback from None
                if is_shift:
                    if is_end:
                        raise _Fallback
                    states.append(arg)
                    values.append(token)
                    break
                size, origin, callback = arg
                if size:
                    children = values[-size:]
                    del states[-size:]
                    del values[-size:]
                else:
                    children = []
                value = callback(children)
                is_shift, goto = actions[states[-1]][origin]
                states.append(goto)
                values.append(value)
                if is_end and goto == end_state:
                    return values[-1]
