"""The shift/reduce conflicts of the instructions' grammar, pinned.

Lark's LALR resolves a shift/reduce conflict by shifting, without a word: a rule written
with an optional comma at the end of a lead (« _prep chain _COMMA? becomes ») made every
lead followed by its comma wait for « qui devient », and the replay lost 232 instructions
before the corpus digest showed it. The conflicts the grammar has on purpose (a list that
goes on after « et » or a comma rather than closing the clause) are listed here; a new one
fails this test, so that its resolution is looked at when the rule is written.
"""

from __future__ import annotations

import io
import itertools
import logging

import pytest
from lark import Lark, logger

from legidiff.bill.grammar import grammar_text

# each: the terminal, then the rule that could end there (as Lark names it)
ACCEPTED = {
    ("_AND", "<subject : _det chain __subject_star_7>"),
    ("_COMMA", "<subject : _det chain __subject_star_7>"),
    ("_AND", "<subject : _det chain>"),
    ("_COMMA", "<subject : _det chain>"),
    ("HEADED", "<division : DIVISION_KIND DIVISION_NUMBERS>"),
    ("_AND", "<words_delete : _be DELETED _COMMA words __words_replace_star_3>"),
    ("_AND", "<words_delete : _be DELETED _COMMA words>"),
    ("_AND", "<words_delete : _be DELETED words __words_replace_star_3>"),
    ("_AND", "<words_delete : _be DELETED words>"),
    ("_COMMA", "<noun_spec : DIVISION_KIND>"),
    ("_COMMA", "<noun_spec : DIVISION_KIND DIVISION_NUMBERS>"),
    ("_COMMA", "<unit_renumber : subject BECOMES RESPECTIVELY _COMMA _det chain>"),
    ("_COMMA", "<unit_renumber : subject BECOMES _COMMA RESPECTIVELY _COMMA _det chain>"),
    ("_COMMA", "<unit_renumber : subject BECOMES _COMMA RESPECTIVELY _det chain>"),
    ("_COMMA", "<unit_renumber : subject BECOMES RESPECTIVELY _det chain>"),
    ("_COMMA", "<unit_renumber : subject BECOMES COUNT chain>"),
    ("_COMMA", "<unit_renumber : subject BECOMES _det chain>"),
    ("_COMMA", "<unit_renumber : subject BECOMES chain>"),
    ("_AND", "<words_elided : words>"),
    ("_COMMA", "<words_elided : words>"),
    ("_AND", "<unit_label : subject CONSTITUTES COUNT LABELS>"),
    ("_COMMA", "<unit_label : subject CONSTITUTES COUNT LABELS>"),
    ("_AND", "<unit_label : subject CONSTITUTES COUNT LABELS __unit_label_star_5>"),
    ("_COMMA", "<unit_label : subject CONSTITUTES COUNT LABELS __unit_label_star_5>"),
    ("_AND", "<unit_precede : subject _be RESPECTIVELY PRECEDED _OF_BY content "
             "__unit_precede_plus_4>"),
}


def _conflicts() -> set[tuple[str, str]]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        Lark(grammar_text("instructions"), parser="lalr", lexer="contextual", debug=True,
             maybe_placeholders=False, start=["start", "locator"])
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    lines = out.getvalue().splitlines()
    found = set()
    for line, rule in itertools.pairwise(lines):
        if line.startswith("Shift/Reduce conflict for terminal "):
            terminal = line.removeprefix("Shift/Reduce conflict for terminal ").split(":")[0]
            found.add((terminal, rule.strip().removeprefix("* ")))
    return found


def test_the_grammar_has_only_the_conflicts_it_means() -> None:
    found = _conflicts()
    if not found:
        # the report is Lark's debug log (Lark 1.1.9 to 1.3 write it so): another version
        # may word it otherwise — said, not passed as checked
        pytest.skip("Lark's report of shift/reduce conflicts was not found in its log")
    assert found - ACCEPTED == set(), (
        "a new shift/reduce conflict, resolved by shifting: check what the rule swallows "
        "(run benchmarks/parse_digest.py before and after), then list it here")
    assert ACCEPTED - found == set(), "a conflict listed here is gone: remove it from the list"
