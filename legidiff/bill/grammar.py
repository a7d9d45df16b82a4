"""Loading the Lark grammars shipped in ``legidiff.grammars`` (the repository's
``grammars/`` folder)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from lark import Lark, Token, Transformer
from lark.lexer import BasicLexer, ContextualLexer
from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders, ExpandSingleChild
from lark.parsers.lalr_analysis import Shift

from legidiff.lang.codes import CODE_NAME_LEXER_PATTERN
from legidiff.lang.vocabulary import grammar_terminals


def grammar_text(name: str) -> str:
    """The text of ``grammars/<name>.lark`` as installed with the package, followed by
    the terminals generated from :mod:`legidiff.lang.vocabulary` (the verbs, the nouns
    of quoted words and of divisions, the adverbs, the ordinals) and from
    :mod:`legidiff.lang.codes` (the names of the codes)."""
    return (_grammar_file(name) + "\n" + grammar_terminals()
            + "// ---- generated from legidiff/lang/codes.py ----\n"
            + f"KNOWN_CODE.5: /{CODE_NAME_LEXER_PATTERN}/i\n")


def _grammar_file(name: str) -> str:
    """``grammars/<name>.lark``: in the installed package, or — when the source folder
    stands in for it (Python run from the repository's root puts ``./legidiff`` first on
    the path, and the grammars are not in it) — in the repository's ``grammars/``."""
    try:
        return resources.files("legidiff.grammars").joinpath(f"{name}.lark").read_text(
            "utf-8")
    except ModuleNotFoundError:
        # the repository's grammars/, beside the source folder of the package: two levels
        # above this module, three when it runs compiled (from legidiff/bill/_accel/)
        here = Path(__file__).resolve()
        for root in here.parents[1:4]:
            beside = root / "grammars" / f"{name}.lark"
            if beside.is_file():
                return beside.read_text("utf-8")
        return (here.parents[2] / "grammars" / f"{name}.lark").read_text("utf-8")


@cache
def parser(name: str, start: str = "start") -> Lark:
    """An LALR parser (contextual lexer) for a grammar, built once per process."""
    return Lark(grammar_text(name), parser="lalr", lexer="contextual", start=start,
                maybe_placeholders=False)


def transforming_parser(name: str, transformer: Transformer[Any, Any],
                        start: list[str] | None = None, *,
                        inlined_as_children: bool = False) -> FastLALR:
    """An LALR parser that applies ``transformer`` while parsing: no tree is built (the
    benchmark measured it worth a third of the time), driven by :class:`FastLALR`
    (``inlined_as_children``: see there)."""
    return FastLALR(Lark(grammar_text(name), parser="lalr", lexer="contextual",
                         start=start or "start", maybe_placeholders=False,
                         transformer=transformer), inlined_as_children=inlined_as_children)


_F = TypeVar("_F", bound=Callable[..., Any])


def pure_rule(method: _F) -> _F:
    """Mark a transformer's method whose value depends only on its children — the types
    and texts of its tokens, never their positions, and the other children by equality —
    and is never changed once made: :class:`FastLALR` then makes it once for each set of
    children (they recur: « du code du travail », « le mot : ⟨0⟩ ») and gives the same
    value again. An exception it raises is never remembered; children that cannot be
    hashed are not looked up."""
    method.__pure_rule__ = True  # type: ignore[attr-defined]
    return method


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

    def __init__(self, lark: Lark, *, inlined_as_children: bool = False):
        """``inlined_as_children``: the transformer's default for a ``_rule`` (a rule Lark
        inlines into its parents) builds a Tree of its children, whose parents take its
        ``children`` and nothing else; then the loop keeps those children alone, without
        calling the default (no Tree is built)."""
        self.lark = lark
        self._inlined_as_children = inlined_as_children
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
        reducers: dict[Any, Any] = {}
        # per state: token type → (is_shift, next state | (rule size, origin, callback))
        self._actions: dict[int, dict[str, tuple[bool, Any]]] = {}
        for state, actions in table.states.items():
            mine: dict[str, tuple[bool, Any]] = {}
            for name, (action, arg) in actions.items():
                # plain strings: the names Lark keeps as Tokens compare slowly
                if action is Shift:
                    mine[str(name)] = (True, arg)
                else:
                    if arg not in reducers:
                        inlined = self._inlined_as_children and str(
                            arg.origin.name).startswith("_") and arg.origin.name not in \
                            self._start_states and _is_default(callbacks[arg])
                        reducers[arg] = _reducer(len(arg.expansion), callbacks[arg], inlined)
                    mine[str(name)] = (False, (len(arg.expansion), str(arg.origin.name),
                                               reducers[arg]))
            self._actions[state] = mine
        # per state: the state a rule's reduction goes to
        self._gotos: dict[int, dict[str, int]] = {
            state: {name: arg for name, (is_shift, arg) in actions.items() if is_shift}
            for state, actions in self._actions.items()}
        # the same two by state number (Lark numbers its states from 0): a list is read
        # faster than a dict, once or twice for each token
        count = max(self._actions) + 1
        self._action_table = [self._actions.get(state, {}) for state in range(count)]
        self._goto_table = [self._gotos.get(state, {}) for state in range(count)]
        # the terminals no rule keeps among its children (Lark's filter leaves them out
        # everywhere): the loop pushes None for them
        kept: set[str] = set()
        terminals: set[str] = set()
        for rule, callback in callbacks.items():
            if isinstance(rule, str):
                continue
            names = [str(s.name) for s in rule.expansion]
            terminals.update(n for n, s in zip(names, rule.expansion, strict=True) if s.is_term)
            if type(callback) is ChildFilterLALR_NoPlaceholders:
                kept.update(names[i] for i, _expand in callback.to_include)
            else:
                kept.update(names)
        self._dropped = frozenset(terminals - kept)
        self._token_callbacks = {k for k in callbacks if isinstance(k, str)}
        # per state, made when the state is first met (Lark builds its scanners so too):
        # the scanner split by first character (or None), its compiled alternations, and
        # the ignored types
        lexer = frontend.lexer
        self._lexer = lexer
        self._scanners: list[_Scanner | None] = [None] * count
        # per state, once its scanner is made: whether all its terminals are blind to
        # which digit a text has (digit_blind); and the parses remembered (see parse)
        self._blind: list[bool] = [False] * count
        self._traces: dict[tuple[str, str], list[Any]] = {}
        self._shared: dict[int, tuple[_FirstChar | None,
                                      tuple[frozenset[str], Any, frozenset[str] | None],
                                      int | None, dict[str, tuple[str, int]]]] = {}
        self._atoms: dict[tuple[str, int], list[re.Pattern[str]] | None] = {}
        self._hits: dict[tuple[str, int], tuple[str, int]] = {}  # see _parse
        self._usable = isinstance(lexer, ContextualLexer) and not self._token_callbacks \
            and frontend.lexer_conf.postlex is None

    def _scanner(self, state: int) -> _Scanner:
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
            first = _FirstChar(
                scanner.terminals, basic.g_regex_flags, scanner._mres[0], self._atoms
            ) if len(scanner._mres) == 1 and not basic.use_bytes else None
            self._shared[id(basic)] = (first, _skipped(first, basic.ignore_types),
                                       first.behind() if first is not None else None, {})
        first, (skip, skip_re, skip_run), behind, memo = self._shared[id(basic)]
        entry = (first, first.by_char if first is not None else None, tuple(scanner._mres),
                 basic.ignore_types, skip, skip_re, skip_run,
                 _NEVER if behind is None else behind, memo)
        self._blind[state] = all(_blind_terminal(t, basic.g_regex_flags)
                                  for t in scanner.terminals)
        self._scanners[state] = entry
        return entry

    def parse(self, text: str, start: str = "start") -> Any:
        """The value of ``text`` parsed from ``start``.

        A sentence parsed before with other digits (« L'article L. 12 … » after « L'article
        L. 7 … »: every digit made ``0``, the same text) is not lexed nor parsed again
        when every state its parse went through scans with terminals blind to which
        digit a text has (:func:`digit_blind`): the same tokens, at the same places, of
        the same types, hence the same shifts and reductions — only the rule callbacks
        are run again, in the same order, on the tokens of this text (see _replay)."""
        if not self._usable or "\n" in text:
            return self.lark.parse(text, start=start)
        key = (start, _DIGITS_RE.sub("0", text)) if len(text) <= _MEMO_TEXT else None
        if key is not None:
            trace = self._traces.get(key)
            if trace is not None:
                return _replay(text, trace)
        try:
            return _lalr(self, text, start, key)
        except _Fallback:
            return self.lark.parse(text, start=start)

    def _remember(self, key: tuple[str, str], trace: list[Any]) -> None:
        if len(self._traces) >= _MEMO_SIZE:
            self._traces.clear()
        self._traces[key] = trace


# per parser state: its scanner split by first character (or None), that split's table
# (None when the split is not used), Lark's compiled alternations, the ignored types, the
# characters at which only one ignored terminal may start, with its expression (or an
# empty set and None) and, when that expression is a run of characters, their set (or
# None), how many characters before a position its expressions may look at,
# and the tokens already matched, by the text from there to the end
_Scanner = tuple[Any, dict[str, re.Pattern[str]] | None, tuple[re.Pattern[str], ...],
                 frozenset[str], frozenset[str], Any, frozenset[str] | None, int,
                 dict[Any, tuple[str, int]]]
_MEMO_SIZE = 2048  # texts remembered per scanner (then forgotten all at once)
_MEMO_TEXT = 512  # the longest text from a token to the end remembered (characters)
_DIGITS_RE = re.compile("[1-9]")  # the digits of a text made 0 for FastLALR.parse
_BEFORE: dict[str, str] = {}  # each character met before a token: its kind (see _before)


def _before(ch: str) -> str:
    """The kind of the character before a position, for a scanner whose match there looks
    one character back at most (``behind`` 1: no lookbehind, only ``\\b``, ``\\B``, ``^``,
    ``\\A`` at the position itself): a word character in ASCII (``a``), a word character
    only in Unicode (``é``), a line break (``\\n``, which ``^`` may follow) or anything else
    (a space) — what those assertions ask of it, under every flag a ``str`` pattern may
    have (``re.ASCII`` or not); the start of the text is ``^``. Two positions with the
    same text after them and the same kind before give the same match."""
    if ch == "\n":
        kind = "\n"
    elif ch.isalnum() or ch == "_":  # re's \w: str.isalnum, and _
        kind = "a" if ch.isascii() else "é"
    else:
        kind = " "
    _BEFORE[ch] = kind
    return kind
_NEVER = 1 << 62  # the look behind of a scanner that cannot be told: nothing remembered


def _skipped(first: _FirstChar | None, ignore: Any
             ) -> tuple[frozenset[str], Any, frozenset[str] | None]:
    """The characters at which, in a state scanned by ``first``, only one terminal may
    start and that terminal is ignored (the spaces between words), with its expression:
    there the state's scanner matches that terminal alone, and the loop passes over it at
    once. Checked on the few characters that terminal may start with (a test of each
    against every terminal's first characters); none when any of that cannot be told.
    Third, the characters of which that terminal is a run (see :func:`_run_of`)."""
    if first is None:
        return frozenset(), None, None
    ignored = [i for i, t in enumerate(first.terminals) if t.name in ignore]
    if len(ignored) != 1:
        return frozenset(), None, None
    own = first._firsts[ignored[0]]
    if own is None:
        return frozenset(), None, None
    chars = frozenset(ch for ch in " \t\f\r\x0b" if any(t.match(ch) for t in own))
    for i, tests in enumerate(first._firsts):
        if i != ignored[0] and (tests is None or any(
                t.match(ch) for t in tests for ch in chars)):
            return frozenset(), None, None
    terminal = first.terminals[ignored[0]]
    pattern = terminal.pattern.to_regexp()
    return chars, re.compile(pattern, first.flags), _run_of(pattern, first.flags)


def _run_of(pattern: str, flags: int) -> frozenset[str] | None:
    """The characters of which ``pattern`` matches any run, one or more, and nothing else
    (``(?:[ \t\f\r\n])+``, Lark's WS): its match at a position is the longest run of
    them there. None for any other expression, or a set given otherwise than by its
    characters one by one (a category, a range, case ignored)."""
    parsed = list(_sre_parser.parse(pattern, flags))
    if len(parsed) != 1 or flags & re.IGNORECASE:
        return None
    op, av = parsed[0]
    if op is not _sre_parser.MAX_REPEAT or av[0] != 1 or av[1] != _sre_parser.MAXREPEAT:
        return None
    body = list(av[2])
    if len(body) != 1:
        return None
    op, av = body[0]
    if op is _sre_parser.LITERAL:
        return frozenset(chr(av))
    if op is _sre_parser.IN and all(o is _sre_parser.LITERAL for o, _a in av):
        return frozenset(chr(a) for _o, a in av)
    return None


class _Token(Token):
    """A token of the fast loop: a :class:`lark.Token` of one line whose line, column and
    end are worked out from its start and its text when read, rather than set one by one
    for each token (five attributes and three numbers less to make per token). Read as a
    Lark token reads (``type``, ``value``, ``start_pos``, ``line``, ``column``,
    ``end_line``, ``end_column``, ``end_pos``); copied and pickled as Lark's Token is
    (a plain Token)."""

    __slots__ = ()

    @property
    def line(self) -> int:  # type: ignore[override]
        return 1

    @property
    def end_line(self) -> int:  # type: ignore[override]
        return 1

    @property
    def column(self) -> int:  # type: ignore[override]
        return int(self.start_pos or 0) + 1

    @property
    def end_pos(self) -> int:  # type: ignore[override]
        return int(self.start_pos or 0) + len(self)

    @property
    def end_column(self) -> int:  # type: ignore[override]
        return int(self.start_pos or 0) + len(self) + 1

    def __reduce__(self) -> tuple[Any, ...]:
        return (Token, (self.type, self.value, self.start_pos, self.line, self.column))


_TOKENS = (Token, _Token)  # the classes of the tokens a reduction may receive


class _Inlined:
    """The children of a ``_rule``, which its parents inline."""

    __slots__ = ("children",)

    def __init__(self, children: list[Any]):
        self.children = children


def _is_default(callback: Any) -> bool:
    """Whether Lark's callback of a rule calls the transformer's default (the transformer
    has no method of the rule's name), through the filters of :func:`_reducer`."""
    f = callback
    while type(f) in (ChildFilterLALR_NoPlaceholders, ExpandSingleChild):
        f = f.node_builder
    return isinstance(f, partial) and getattr(f.func, "__name__", "") == "default_callback"


def _reducer(size: int, callback: Any, inlined: bool = False) -> Any:
    """The reduction of a rule of ``size`` symbols: an object whose ``run(values)`` takes
    the rule's children off the value stack and returns the rule's value (None for a
    ``?rule`` of one child, whose child is its value).

    Lark wraps each rule's callback (the transformer's method, or its default) in a filter
    that leaves out the anonymous tokens and inlines the children of ``_rule``s
    (``ChildFilterLALR_NoPlaceholders``), and ``?rule``s in ``ExpandSingleChild``. Those
    two, when met in Lark's order, are compiled here into straight-line code from the
    wrappers' own data (which children, which inlined); whatever is inside them (the
    transformer's method, any other wrapper) is called as Lark calls it. Any other
    outer wrapper: Lark's callback itself, with the same children."""
    f = callback
    include: list[tuple[int, bool]] | None = None
    if type(f) is ChildFilterLALR_NoPlaceholders:
        include = [(int(i), bool(expand)) for i, expand in f.to_include]
        f = f.node_builder
    expand1 = type(f) is ExpandSingleChild
    if expand1:
        f = f.node_builder
        if include is None and size == 1:
            return None  # its one child is its value: the loop leaves it on the stack
    if include is None:
        include = [(i, False) for i in range(size)]
    pure = getattr(getattr(f, "__func__", None), "__pure_rule__", False)
    if _COMPILED:
        return _Reducer(size, include, expand1, inlined, pure, f)
    parts = [f"*values[{i - size}].children" if expand else f"values[{i - size}]"
             for i, expand in include]
    lines = ["def reduce(values):"]
    expands = any(expand for _i, expand in include)
    if not expands and not include:
        lines.append("    children = []")
    elif not expands and len(include) == size:
        lines.append(f"    children = values[-{size}:]")
    else:
        lines.append(f"    children = [{', '.join(parts)}]")
    if size:
        lines.append(f"    del values[-{size}:]")
    if expand1:
        lines.append("    if len(children) == 1:")
        lines.append("        return children[0]")
    if inlined:
        lines.append("    return Inlined(children)")
    elif pure:
        lines += ["    try:",
                  "        key = tuple([(c.type, str(c)) if type(c) in Tokens else c",
                  "                     for c in children])",
                  "        value = memo.get(key)",
                  "    except TypeError:",
                  "        return f(children)",
                  "    if value is None:",
                  "        value = f(children)",
                  "        if len(memo) >= size:",
                  "            memo.clear()",
                  "        memo[key] = value",
                  "    return value"]
    else:
        lines.append("    return f(children)")
    namespace: dict[str, Any] = {"f": f, "Inlined": _Inlined, "Tokens": _TOKENS, "memo": {},
                                 "size": _MEMO_SIZE}
    exec("\n".join(lines), namespace)  # the code made above, from the rule's shape
    return _Made(namespace["reduce"])


# whether this module runs compiled (``python -m legidiff.accelerate``): then the
# reductions are objects of a class of this module compiled with it (see _Reducer),
# rather than code made at run time, which Python interprets (the same steps; a tenth of
# the time of a parse)
_COMPILED = not __file__.endswith(".py")


class _Reducer:
    """The reduction :func:`_reducer` makes, as an object whose :meth:`run` takes the
    rule's children off the value stack and returns the rule's value: the same children,
    the same value, the same memory of a pure rule's values as the code made at run time.
    Used when this module runs compiled: ``grammar.pxd`` makes it a C class, which the
    LALR loop calls without Python's call protocol."""

    def __init__(self, size: int, include: list[tuple[int, bool]], expand1: bool,
                 inlined: bool, pure: bool, f: Any):
        self.size = size
        self.picks = tuple((i - size, expand) for i, expand in include)
        self.whole = size > 0 and len(include) == size and not any(e for _i, e in include)
        self.expand1 = expand1
        self.inlined = inlined
        self.pure = pure
        self.f = f
        self.memo: dict[Any, Any] = {}

    def run(self, values: list[Any]) -> Any:
        size = self.size
        if self.whole:
            children = values[-size:]
        else:
            children = []
            for at, expand in self.picks:
                if expand:
                    children.extend(values[at].children)
                else:
                    children.append(values[at])
        if size:
            del values[-size:]
        if self.expand1 and len(children) == 1:
            return children[0]
        if self.inlined:
            return _Inlined(children)
        if not self.pure:
            return self.f(children)
        try:
            key = tuple([(c.type, str(c)) if type(c) in _TOKENS else c for c in children])
            value = self.memo.get(key)
        except TypeError:
            return self.f(children)
        if value is None:
            value = self.f(children)
            if len(self.memo) >= _MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = value
        return value


class _Made:
    """A reduction made as code at run time (pure Python), called as :meth:`_Reducer.run`
    is."""

    __slots__ = ("run",)

    def __init__(self, run: Any):
        self.run = run


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
        self.nears: dict[str, bool] = {}  # see near

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

    def behind(self) -> int | None:
        """How many characters before the position a match may depend on, at most: one
        for a word boundary or an anchor, plus the widths of the lookbehinds (None when
        one cannot be told). The match at ``pos`` depends only on the text from there."""
        width = 1
        for terminal in self.terminals:
            own = _behind(terminal.pattern.to_regexp(), self.flags)
            if own is None:
                return None
            width += own - 1
        return width

    def near(self, ch: str) -> bool:
        """Whether, at a position starting with ``ch``, the match looks one character
        back at most: no expression that may start with ``ch`` (those of
        :meth:`regex_for`) has a lookbehind."""
        near = all(_behind(self.terminals[i].pattern.to_regexp(), self.flags) == 1
                   for i in self._chosen(ch))
        self.nears[ch] = near
        return near

    def _chosen(self, ch: str) -> tuple[int, ...]:
        """The terminals that may start with ``ch``, in their order."""
        return tuple(i for i, first in enumerate(self._firsts)
                     if first is None or any(test.match(ch) for test in first))

    def regex_for(self, ch: str) -> re.Pattern[str]:
        chosen = self._chosen(ch)
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


def _behind(pattern: str, flags: int) -> int | None:
    """How many characters before the position a match of ``pattern`` may depend on, at
    most: one (a word boundary, an anchor) plus the widths of its lookbehinds; None when
    one cannot be told."""
    width = 1
    for op, av in _walk_ops(list(_sre_parser.parse(pattern, flags))):
        if op in (_sre_parser.ASSERT, _sre_parser.ASSERT_NOT) and av[0] < 0:
            high = av[1].getwidth()[1]
            if not isinstance(high, int) or high >= _sre_parser.MAXREPEAT:
                return None
            width += high
    return width


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


# the categories of ``re`` holding every ASCII digit, and those holding none
_WITH_DIGITS = {getattr(_sre_parser, f"CATEGORY_{n}") for n in (
    "DIGIT", "WORD", "NOT_SPACE", "NOT_LINEBREAK", "UNI_DIGIT", "UNI_WORD", "UNI_NOT_SPACE",
    "UNI_NOT_LINEBREAK")}
_WITHOUT_DIGITS = {getattr(_sre_parser, f"CATEGORY_{n}") for n in (
    "NOT_DIGIT", "NOT_WORD", "SPACE", "LINEBREAK", "UNI_NOT_DIGIT", "UNI_NOT_WORD",
    "UNI_SPACE", "UNI_LINEBREAK")}
_STRUCTURE = {_sre_parser.SUBPATTERN, _sre_parser.BRANCH, _sre_parser.ATOMIC_GROUP,
              _sre_parser.ASSERT, _sre_parser.ASSERT_NOT, _sre_parser.AT, _sre_parser.ANY,
              *_REPEATS}
_ASCII_DIGITS = frozenset(range(ord("0"), ord("9") + 1))


def digit_blind(pattern: str, flags: int = 0) -> bool:
    """Whether ``pattern`` treats the ten ASCII digits alike: no digit written in it (« 1er
    », « 2004 », ``[1-9]``), no back reference; every class holds all ten or none
    (``\\d``, ``\\w``, ``.``, ``[^,]``). Then a text and the same text with each of its
    digits made ``0`` are matched alike (same alternative, same length), position for
    position. False for anything not understood."""
    for op, av in _walk_ops(list(_sre_parser.parse(pattern, flags))):
        if op is _sre_parser.LITERAL or op is _sre_parser.NOT_LITERAL:
            if av in _ASCII_DIGITS:
                return False
        elif op is _sre_parser.IN:
            held: set[int] = set()
            for item, value in av:
                if item is _sre_parser.NEGATE:
                    continue  # all ten or none, negated: none or all ten
                if item is _sre_parser.LITERAL:
                    held |= {value} & _ASCII_DIGITS
                elif item is _sre_parser.RANGE:
                    held |= {d for d in _ASCII_DIGITS if value[0] <= d <= value[1]}
                elif item is _sre_parser.CATEGORY and value in _WITH_DIGITS:
                    held |= _ASCII_DIGITS
                elif not (item is _sre_parser.CATEGORY and value in _WITHOUT_DIGITS):
                    return False
            if held and held != _ASCII_DIGITS:
                return False
        elif op not in _STRUCTURE:
            return False  # a back reference, anything else
    return True


_BLIND: dict[tuple[str, int], bool] = {}


def _blind_terminal(terminal: Any, flags: int = 0) -> bool:
    """:func:`digit_blind` for one of Lark's terminals (its expression carries its own
    flags; ``flags``: the lexer's, over all of them), remembered by expression."""
    key = (terminal.pattern.to_regexp(), flags)
    if key not in _BLIND:
        try:
            _BLIND[key] = digit_blind(*key)
        except (re.error, TypeError, ValueError):
            _BLIND[key] = False
    return _BLIND[key]


def _walk_ops(items: list[Any]) -> Any:
    """Every operation of a parsed expression, those inside groups, repeats, branches and
    lookarounds included."""
    for op, av in items:
        yield op, av
        if isinstance(av, _sre_parser.SubPattern):  # an atomic group's body
            yield from _walk_ops(list(av))
        elif isinstance(av, tuple | list):
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


def _lalr(parser: FastLALR, text: str, start: str, key: tuple[str, str] | None) -> Any:
    """The loop of :meth:`FastLALR.parse`: the tokens of ``text`` lexed in the context of
    each state, shifted and reduced by ``parser``'s tables; raises :class:`_Fallback` for
    what it leaves to Lark. With a ``key``, the shifts and reductions are written down as
    they are made and remembered under it for :func:`_replay`, when every state met
    scans blind to digits and the parse ends well.

    A function of the module rather than a method, so that ``grammar.pxd`` (read by the
    accelerator's Cython, ignored by Python) can type its locals: the positions and
    states as C integers, the tables and memories as lists, dicts and frozensets, with
    the same values (callgrind: 4 % fewer instructions for a whole parse). Without the
    accelerator it runs as written."""
    actions = parser._action_table
    scanners = parser._scanners
    end_state = parser._end_states[start]
    state = parser._start_states[start]
    states = [state]
    values: list[Any] = []
    pos = 0
    n = len(text)
    token: Token | None = None
    new_str: Any = str.__new__  # a token made as Token._future_new makes it, inline
    new_token: Any = Token._future_new  # Token(...) without its keyword checks
    gotos = parser._goto_table
    dropped = parser._dropped
    hits = parser._hits
    blind = parser._blind
    # what _replay does again: (start, end, type) for a token shifted, (start, end, None)
    # for one no rule keeps, the reduction of a rule
    trace: list[Any] | None = [] if key is not None else None
    start_pos = 0
    while True:
        # the next token, lexed in the context of the current state
        kind: Any = None
        while pos < n:
            first, by_char, mres, ignore, skip, skip_re, skip_run, behind, memo = (
                scanners[state] or parser._scanner(state))
            if trace is not None and not blind[state]:
                trace = None  # its tokens may depend on which digits the text has
            if by_char is not None:
                ch = text[pos]
                if ch in skip:
                    # only an ignored terminal starts so here: passed over at once
                    if skip_run is not None:
                        # a run of characters (the spaces): no expression to match
                        pos += 1
                        while pos < n and text[pos] in skip_run:
                            pos += 1
                    else:
                        m = skip_re.match(text, pos)
                        if m is None:
                            raise _Fallback
                        pos = m.end()
                    if pos >= n:
                        break
                    ch = text[pos]
                # the match depends on the text from ``behind`` characters before
                # ``pos`` to the end: the same text, the same token (a bill repeats
                # the ends of its sentences, their quotations being placeholders);
                # one character before: only on its kind (see _before)
                # (or, when no expression that may start with ``ch`` looks further
                # back, see _FirstChar.near); a text from further back is marked « L »
                if n - pos > _MEMO_TEXT:
                    # a long text to the end: neither copied nor remembered (a memory
                    # of 2,048 such texts per scanner held gigabytes after long
                    # sentences, and copying each one for each token costs its length)
                    rest: str | None = None
                elif behind == 1 or (first.nears[ch] if ch in first.nears
                                     else first.near(ch)):
                    rest = (_BEFORE.get(text[pos - 1]) or _before(
                        text[pos - 1]) if pos else "^") + text[pos:]
                else:
                    rest = "L" + text[pos - behind:] if pos >= behind else None
                hit: Any = memo.get(rest) if rest is not None else None
                if hit is None:
                    m = (by_char.get(ch) or first.regex_for(ch)).match(text, pos)
                    if m is None:
                        raise _Fallback
                    hit = (m.lastgroup, m.end() - pos)
                    if rest is not None:
                        if len(memo) >= _MEMO_SIZE:
                            memo.clear()
                        # the same pair as before when there is one: an old tuple
                        # of a string and a number, which the collector no longer
                        # follows, rather than one more for it to go through
                        hit = hits.setdefault(hit, hit)
                        memo[rest] = hit
                kind, end = hit
                end += pos
                if kind in ignore:
                    pos = end
                    kind = None
                    continue
                if kind in dropped:
                    token = None  # no rule keeps it: no Token made
                    start_pos = pos
                    pos = end
                    break
                value = text[pos:end]
                token = new_str(_Token, value)
                token.type = kind
                token.start_pos = pos
                token.value = value
                start_pos = pos
                pos = end
                break
            for mre in mres:
                m = mre.match(text, pos)
                if m is not None:
                    break
            else:
                raise _Fallback
            kind = m.lastgroup
            end = m.end()
            if kind in ignore:
                pos = end
                kind = None
                continue
            token = new_token(kind, m.group(), pos, 1, pos + 1, 1, end + 1, end)
            trace = None  # a token of Lark's own class: not made again by _replay
            pos = end
            break
        is_end = kind is None
        if is_end:
            kind = "$END"  # never shifted: its token would not be used
        while True:
            try:
                is_shift, arg = actions[state][kind]
            except KeyError:
                raise _Fallback from None
            if is_shift:
                if is_end:
                    raise _Fallback
                state = arg
                states.append(arg)
                values.append(token)
                if trace is not None:
                    trace.append((start_pos, pos, None if token is None else kind))
                break
            size, origin, reduce = arg
            if reduce is None:
                # a ?rule of one child: that child is its value, left on the stack
                state = gotos[states[-2]][origin]
                states[-1] = state
            else:
                value = reduce.run(values)  # takes its children off ``values``
                if trace is not None:
                    trace.append(reduce)
                if size:
                    del states[-size:]
                state = gotos[states[-1]][origin]
                states.append(state)
                values.append(value)
            if is_end and state == end_state:
                if trace is not None and key is not None:
                    parser._remember(key, trace)
                return values[-1]


def _replay(text: str, trace: list[Any]) -> Any:
    """The value of ``text`` parsed as a text with the same digits made 0 was: the tokens
    at the same places (made of this text), the same reductions in the same order, hence
    the same callbacks on this text's tokens (see :meth:`FastLALR.parse`)."""
    values: list[Any] = []
    new_str: Any = str.__new__
    for step in trace:
        if type(step) is tuple:
            start, end, kind = step
            if kind is None:
                values.append(None)
                continue
            value = text[start:end]
            token = new_str(_Token, value)
            token.type = kind
            token.start_pos = start
            token.value = value
            values.append(token)
        else:
            values.append(step.run(values))
    return values[-1]
