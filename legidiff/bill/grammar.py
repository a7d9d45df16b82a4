"""Loading the Lark grammars shipped in ``legidiff.grammars`` (the repository's
``grammars/`` folder)."""

from __future__ import annotations

import importlib
import re
from functools import cache
from importlib import resources
from pathlib import Path
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
    return (_grammar_file(name) + "\n" + grammar_terminals()
            + "// ---- generated from legidiff/lang/codes.py ----\n"
            + f"KNOWN_CODE.5: /{CODE_NAME_PATTERN}/i\n")


def _grammar_file(name: str) -> str:
    """``grammars/<name>.lark``: in the installed package, or — when the source folder
    stands in for it (Python run from the repository's root puts ``./legidiff`` first on
    the path, and the grammars are not in it) — in the repository's ``grammars/``."""
    try:
        return resources.files("legidiff.grammars").joinpath(f"{name}.lark").read_text(
            "utf-8")
    except ModuleNotFoundError:
        beside = Path(__file__).resolve().parents[2] / "grammars" / f"{name}.lark"
        return beside.read_text("utf-8")


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


# the parser and compiler of ``re`` (private modules, without type stubs): the first
# characters of a terminal's expression are read from its parsed form (see _FirstChar)
_sre_parser: Any = importlib.import_module("re._parser")
_sre_compiler: Any = importlib.import_module("re._compiler")


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
        try:
            self._read_tables(lark)
        except (AttributeError, KeyError, TypeError, ValueError, IndexError):
            # another version of Lark laid out otherwise: Lark parses everything itself
            self._usable = False

    def _read_tables(self, lark: Lark) -> None:
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
                # plain strings: the names Lark keeps as Tokens compare slowly
                if action is Shift:
                    mine[str(name)] = (True, arg)
                else:
                    mine[str(name)] = (False, (len(arg.expansion), str(arg.origin.name),
                                               callbacks[arg]))
            self._actions[state] = mine
        self._token_callbacks = {k for k in callbacks if isinstance(k, str)}
        # per state, made when the state is first met (Lark builds its scanners so too):
        # the scanner split by first character (or None), its compiled alternations, and
        # the ignored types
        lexer = frontend.lexer
        self._lexer = lexer
        self._scanners: dict[int, tuple[_FirstChar | None, tuple[re.Pattern[str], ...],
                                        frozenset[str]]] = {}
        self._shared: dict[int, _FirstChar | None] = {}
        self._atoms: dict[tuple[str, int], list[re.Pattern[str]] | None] = {}
        self._usable = isinstance(lexer, ContextualLexer) and not self._token_callbacks \
            and frontend.lexer_conf.postlex is None

    def _scanner(self, state: int) -> tuple[_FirstChar | None, tuple[re.Pattern[str], ...],
                                            frozenset[str]]:
        basic = self._lexer.lexers.get(state)
        if not isinstance(basic, BasicLexer):
            raise _Fallback
        scanner: Any = getattr(basic, "scanner", None)
        if not all(hasattr(scanner, a) for a in ("terminals", "_mres")) or not all(
                hasattr(basic, a) for a in ("g_regex_flags", "ignore_types", "callback")):
            raise _Fallback  # another version of Lark: it scans itself
        if basic.callback:
            raise _Fallback  # a terminal retyped by a callback: Lark does it
        if id(basic) not in self._shared:
            # one per scanner: Lark shares one among the states that accept the same
            # terminals
            self._shared[id(basic)] = _FirstChar(
                scanner.terminals, basic.g_regex_flags, scanner._mres[0], self._atoms
            ) if len(scanner._mres) == 1 and not basic.use_bytes else None
        entry = (self._shared[id(basic)], tuple(scanner._mres), basic.ignore_types)
        self._scanners[state] = entry
        return entry

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
        new_token: Any = Token._future_new  # Token(...) without its keyword checks
        while True:
            # the next token, lexed in the context of the current state
            kind = None
            while pos < n:
                state = states[-1]
                first, mres, ignore = scanners.get(state) or self._scanner(state)
                if first is not None:
                    ch = text[pos]
                    mre = first.by_char.get(ch) or first.regex_for(ch)
                    m = mre.match(text, pos)
                    if m is None:
                        raise _Fallback
                else:
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


class _FirstChar:
    """The scanner of one parser state, split by the character a token starts with.

    Lark's scanner is one alternation of the state's terminals, in its order; Python's
    ``re`` takes the first alternative that matches, trying each in turn. At a position
    starting with ``ch``, the alternatives that cannot start with ``ch`` fail anyway: the
    alternation of the others, in the same order, gives the same match (the same
    terminal, the same text). Which terminals may start with ``ch`` is read from their
    parsed expressions, conservatively (anything not understood may start with anything);
    whether a first character class accepts ``ch`` is asked of ``re`` itself, with the
    flags in force there (case folding included)."""

    def __init__(self, terminals: list[Any], flags: int, whole: re.Pattern[str],
                 atoms: dict[tuple[str, int], list[re.Pattern[str]] | None] | None = None):
        self.terminals = terminals
        self.flags = flags
        self.whole = whole
        self.by_char: dict[str, re.Pattern[str]] = {}
        self._known = {} if atoms is None else atoms  # the tests of each expression
        self._tests: list[list[re.Pattern[str]] | None] | None = None  # read when needed
        self._by_names: dict[tuple[int, ...], re.Pattern[str]] = {}

    @property
    def _firsts(self) -> list[list[re.Pattern[str]] | None]:
        if self._tests is None:
            tests = []
            for terminal in self.terminals:
                key = (terminal.pattern.to_regexp(), self.flags)
                if key not in self._known:
                    self._known[key] = _first_atoms(*key)
                tests.append(self._known[key])
            self._tests = tests
        return self._tests

    def regex_for(self, ch: str) -> re.Pattern[str]:
        chosen = tuple(i for i, first in enumerate(self._firsts)
                       if first is None or any(test.match(ch) for test in first))
        regex = self._by_names.get(chosen)
        if regex is None:
            if len(chosen) == len(self.terminals):
                regex = self.whole
            else:
                regex = re.compile("|".join(
                    f"(?P<{self.terminals[i].name}>{self.terminals[i].pattern.to_regexp()})"
                    for i in chosen) or "(?!)", self.flags)
            self._by_names[chosen] = regex
        self.by_char[ch] = regex
        return regex


_ONE_CHAR = {_sre_parser.LITERAL, _sre_parser.NOT_LITERAL, _sre_parser.IN, _sre_parser.ANY}
_ZERO_WIDTH = {_sre_parser.AT, _sre_parser.ASSERT, _sre_parser.ASSERT_NOT}
_REPEATS = {_sre_parser.MAX_REPEAT, _sre_parser.MIN_REPEAT, _sre_parser.POSSESSIVE_REPEAT}


def _first_atoms(pattern: str, flags: int) -> list[re.Pattern[str]] | None:
    """Compiled one-character tests, one of which the first character of any match of
    ``pattern`` passes; None when that cannot be told (then it may start with anything)."""
    parsed = _sre_parser.parse(pattern, flags)
    if parsed.state.groups > 1 and any(
            op in (_sre_parser.GROUPREF, _sre_parser.GROUPREF_EXISTS)
            for op, _ in _walk_ops(list(parsed))):
        return None
    found = _firsts(list(parsed), parsed.state.flags)
    if found is None:
        return None
    atoms, nullable = found
    if nullable:
        return None
    tests = []
    for atom, atom_flags in atoms:
        state = _sre_parser.State()
        state.flags = atom_flags
        tests.append(_sre_compiler.compile(_sre_parser.SubPattern(state, [atom]), atom_flags))
    return tests


def _walk_ops(items: list[Any]) -> Any:
    for op, av in items:
        yield op, av
        if isinstance(av, tuple | list):
            for x in av:
                if isinstance(x, _sre_parser.SubPattern):
                    yield from _walk_ops(list(x))
                elif isinstance(x, list):
                    for y in x:
                        if isinstance(y, _sre_parser.SubPattern):
                            yield from _walk_ops(list(y))


def _firsts(items: list[Any], flags: int) -> tuple[list[tuple[Any, int]], bool] | None:
    """The atoms a match of the sequence ``items`` may start with (each with its flags),
    and whether the sequence may match the empty string; None when not understood."""
    atoms: list[tuple[Any, int]] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # looks around without consuming: it can only rule out more
        if op in _ONE_CHAR:
            atoms.append(((op, av), flags))
            return atoms, False
        if op is _sre_parser.SUBPATTERN:
            _group, add, remove, sub = av
            found = _firsts(list(sub), (flags | add) & ~remove)
        elif op is _sre_parser.ATOMIC_GROUP:
            found = _firsts(list(av), flags)
        elif op is _sre_parser.BRANCH:
            found_all: list[tuple[Any, int]] = []
            nullable = False
            for alternative in av[1]:
                one = _firsts(list(alternative), flags)
                if one is None:
                    return None
                found_all.extend(one[0])
                nullable = nullable or one[1]
            found = (found_all, nullable)
        elif op in _REPEATS:
            low, high, sub = av
            if high == 0:
                continue
            inner = _firsts(list(sub), flags)
            if inner is None:
                return None
            found = (inner[0], inner[1] or low == 0)
        else:
            return None
        if found is None:
            return None
        atoms.extend(found[0])
        if not found[1]:
            return atoms, False
    return atoms, True
