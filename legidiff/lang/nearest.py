"""What the user probably meant: the nearest article numbers and the nearest words.

Article numbers are compared by their structure — prefix, digits, qualifiers — not as
strings: "L. 8522" is L. 852-2 with its hyphen lost (the same digits), not L. 855-1 B
(two digits and a qualifier apart), though both are a few characters away from it.
Words are compared with their neighbours in the text, as many words as were quoted.

Articles typed by a user are read leniently (:func:`typed_article`): "852-2",
"l. 852-2", "article L. 852-2", "art. L852-2" all name L. 852-2 when no other article
bears those digits.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from legidiff.lang.numbering import ArticleNumber, article_key

# "article", "art.", "l'article", "articles" before a number typed by a user
_ARTICLE_WORD_RE = re.compile(r"^\s*(?:l[’']\s*)?(?:articles?|art\.?)\s+", re.IGNORECASE)
# a lowercase prefix typed by a user ("l. 852-2", "r852-2", "lo 6")
_LOWER_PREFIX_RE = re.compile(r"^\s*(l\.?\s*o|l\.?\s*p|[lrdap])(\.?\s*+\*?\s*+\d)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Shape:
    prefix: str  # without stars, upper case
    digits: str  # the heads joined: "8522" for L. 852-2
    heads: str  # the heads joined by hyphens: "852-2"
    suffix: frozenset[str]  # the qualifiers of every level, casefolded


@lru_cache(maxsize=1 << 16)
def _shape(number: str) -> _Shape | None:
    parsed = ArticleNumber.parse(number)
    if parsed is None:
        return None
    heads = [head for head, _ in parsed.levels]
    qualifiers = {q.casefold() for _, quals in parsed.levels for q in quals}
    return _Shape(parsed.prefix.replace("*", "").upper(), "".join(heads), "-".join(heads),
                  frozenset(qualifiers))


def _cost(wanted: _Shape, other: _Shape) -> float | None:
    """How far ``other`` is from ``wanted``; None when too far to be a slip of the
    keyboard: the same digits in numbers of one or two digits (any other is as near as
    L. 4 is to L. 7), at most one differing (two in numbers of six digits or more)."""
    size = len(wanted.digits)
    digits = OSA.distance(wanted.digits, other.digits)
    if digits > (0 if size <= 2 else 1 if size < 6 else 2):
        return None
    if wanted.prefix == other.prefix:
        prefix = 0.0
    elif not wanted.prefix:
        prefix = 1.0  # the prefix left out
    else:
        prefix = 2.0
    hyphens = OSA.distance(wanted.heads, other.heads) - digits  # hyphens lost or moved
    suffix = len(wanted.suffix ^ other.suffix)
    cost = prefix + 2.0 * digits + 0.5 * max(hyphens, 0) + suffix
    return cost if cost <= 3.0 else None


def nearest_articles(numbers: Iterable[str], typed: str, limit: int = 3) -> list[str]:
    """The numbers among ``numbers`` the user most probably meant by ``typed`` (which
    is not among them), nearest first; [] when none is near.

    >>> nearest_articles(["L. 852-2", "L. 855-1 B", "L. 871-3"], "L. 8522")
    ['L. 852-2']
    >>> nearest_articles(["L. 852-2", "L. 853-2"], "L. 852-3")
    ['L. 852-2', 'L. 853-2']
    >>> nearest_articles(["L. 4", "R. 4"], "L. 9999")
    []
    """
    wanted = _shape(typed)
    if wanted is None:
        return []
    key = article_key(typed)
    scored: dict[str, tuple[float, str]] = {}
    for number in numbers:
        other = _shape(number)
        if other is None or article_key(number) == key:
            continue
        cost = _cost(wanted, other)
        if cost is not None:
            scored.setdefault(number, (cost, number))
    if not scored:
        return []
    best = min(cost for cost, _ in scored.values())
    near = sorted((entry for entry in scored.values() if entry[0] <= best + 0.5),
                  key=lambda entry: (entry[0], _order(entry[1])))
    return [number for _, number in near[:limit]]


def _order(number: str) -> tuple[object, ...]:
    parsed = ArticleNumber.parse(number)
    return (0, parsed.sort_key) if parsed is not None else (1, number)


def typed_article(typed: str) -> str:
    """An article number as a user may type it, as the code writes it: "article",
    "art." or "l'article" before it dropped, a lowercase prefix in capitals.

    >>> typed_article("article l. 852-2"), typed_article("Art. L852-2"), typed_article("852-2")
    ('L. 852-2', 'L852-2', '852-2')
    """
    text = _ARTICLE_WORD_RE.sub("", typed.strip())
    return _LOWER_PREFIX_RE.sub(lambda m: m.group(1).upper() + m.group(2), text).strip()


def lenient_matches(numbers: Iterable[str], typed: str) -> list[str]:
    """The numbers among ``numbers`` that ``typed`` names when read leniently
    (:func:`typed_article`), and, when it names no prefix ("852-2"), every number with
    those digits and qualifiers whatever its prefix (L. 852-2, R. 852-2): one is found,
    several are for the user to choose from. Distinct keys, in the order given.

    >>> lenient_matches(["L. 852-2", "R. 852-2", "L. 853-1"], "852-2")
    ['L. 852-2', 'R. 852-2']
    >>> lenient_matches(["L. 852-2", "L. 853-1"], "article l. 852-2")
    ['L. 852-2']
    """
    text = typed_article(typed)
    wanted = ArticleNumber.parse(text)
    key = article_key(text)
    found: dict[str, str] = {}
    for number in numbers:
        number_key = article_key(number)
        if number_key == key:
            found.setdefault(number_key, number)
        elif wanted is not None and not wanted.prefix:
            parsed = ArticleNumber.parse(number)
            if parsed is not None and parsed.prefix and \
                    dataclasses.replace(parsed, prefix="").key == wanted.key:
                found.setdefault(number_key, number)
    return list(found.values())


_WORD_RE = re.compile(r"\w+")


def nearest_words(text: str, words: str, cutoff: float = 80.0) -> str | None:
    """The passage of ``text`` nearest to the quoted ``words`` — as many words as they
    have, apostrophes and hyphens splitting words — when it is near enough (``cutoff``,
    a similarity from 0 to 100, case aside) and differs from them; None otherwise.

    >>> nearest_words("par la voie hertzienne et l'autorisation", "hertziene")
    'hertzienne'
    >>> nearest_words("après l'autorisation du Premier ministre", "l'autorsation")
    "l'autorisation"
    >>> nearest_words("le maire de la commune", "préfet") is None
    True
    """
    wanted = _WORD_RE.findall(words)
    if not wanted:
        return None
    spans = [m.span() for m in _WORD_RE.finditer(text)]
    size = len(wanted)
    target, exact = " ".join(wanted).casefold(), " ".join(wanted)
    best: tuple[float, float, str] | None = None
    for k in range(len(spans) - size + 1):
        passage = text[spans[k][0]:spans[k + size - 1][1]]
        plain = " ".join(_WORD_RE.findall(passage))
        score = fuzz.ratio(plain.casefold(), target)
        if score < cutoff:
            continue
        entry = (score, fuzz.ratio(plain, exact), passage)  # the same case first
        if best is None or entry[:2] > best[:2]:
            best = entry
    if best is None or best[2] == words:
        return None
    return best[2]
