"""Word diffs and the alignment of alinéas at a bounded cost (issue 15).

``word_diff`` is a single pass of diff-match-patch over word tokens, as before, whenever
its cost is small; only texts whose middles hold thousands of tokens that change (tables
of thousands of cells) are diffed piece by piece. ``align`` sets aside, without any
diff, the pairs that cannot share half of their words. Both are compared here with
the single-pass reference on real alinéas: the CSI's history (``../shared``) and, when
present, the LEGI history of etalab (``$LEGIDIFF_LEGI_HISTORY``), read in place.
"""

from __future__ import annotations

import json
import random
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from support import corpus_path, legi_history_mirror

from legidiff.formats.layout import read_article_text
from legidiff.lang.text import visible
from legidiff.render import diffing
from legidiff.render.diffing import Op, Pair, Segment, align, similarity, word_diff
from legidiff.render.redline import same_item_label

# -- the reference: one pass over the whole texts, every pair of a run compared ----------


def single_pass(old: str, new: str) -> list[Segment]:
    if old == new:
        return [Segment(Op.EQUAL, old)] if old else []
    encoder = diffing._Encoder()
    a = encoder.encode(diffing._TOKEN_RE.findall(old))
    b = encoder.encode(diffing._TOKEN_RE.findall(new))
    out: list[Segment] = []
    for op, text in diffing._diff(a, b):
        segment = Segment(diffing._OPS[op], "".join(encoder.decode(text)))
        if out and out[-1].op is segment.op:
            out[-1] = Segment(segment.op, out[-1].text + segment.text)
        else:
            out.append(segment)
    return out


def reference_align(old: Sequence[str], new: Sequence[str],
                    same_place: Callable[[str, str], bool] | None = None) -> list[Pair]:
    encoder = diffing._Encoder()
    diffs = diffing._DMP.diff_main(encoder.encode(old), encoder.encode(new), False)
    pairs: list[Pair] = []
    i = j = 0
    deleted: list[int] = []
    inserted: list[int] = []

    def flush() -> None:
        k = 0
        for d in deleted:
            match = next((n for n in range(k, len(inserted))
                          if (same_place is not None and same_place(old[d], new[inserted[n]]))
                          or _reference_similarity(old[d], new[inserted[n]]) >= 0.5), None)
            if match is None:
                pairs.append(Pair(d, None))
                continue
            pairs.extend(Pair(None, inserted[n]) for n in range(k, match))
            pairs.append(Pair(d, inserted[match]))
            k = match + 1
        pairs.extend(Pair(None, inserted[n]) for n in range(k, len(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in diffs:
        if op == 0:
            flush()
            for _ in text:
                pairs.append(Pair(i, j))
                i += 1
                j += 1
        elif op == -1:
            deleted.extend(range(i, i + len(text)))
            i += len(text)
        else:
            inserted.extend(range(j, j + len(text)))
            j += len(text)
    flush()
    return pairs


def _reference_similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    kept = sum(len(s.text) for s in single_pass(a, b) if s.op is Op.EQUAL)
    return 2 * kept / (len(a) + len(b))


def _rejoins(segments: list[Segment], old: str, new: str) -> bool:
    return ("".join(s.text for s in segments if s.op is not Op.INSERT) == old
            and "".join(s.text for s in segments if s.op is not Op.DELETE) == new)


# -- real alinéas -------------------------------------------------------------------------


def _csi_versions() -> Iterator[tuple[list[str], list[str]]]:
    path = corpus_path("history", "code-de-la-securite-interieure.jsonl")
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        if record["status"] == "modified":
            before = read_article_text(record["before"])
            after = read_article_text(record["after"])
            yield ([visible(a.text, a.markup) for a in before.alineas],
                   [visible(a.text, a.markup) for a in after.alineas])


def test_real_alineas_are_aligned_and_diffed_as_before() -> None:
    """The 239 modifications of the CSI's history: the same alignment as comparing
    every pair, the same word diffs as one pass (none of them is long)."""
    articles = pairs = 0
    for old, new in _csi_versions():
        got = align(old, new, same_place=same_item_label)
        assert got == reference_align(old, new, same_place=same_item_label)
        articles += 1
        for pair in got:
            if pair.old is not None and pair.new is not None:
                a, b = old[pair.old], new[pair.new]
                assert word_diff(a, b) == single_pass(a, b)
                assert similarity(a, b) == _reference_similarity(a, b)
                pairs += a != b
    assert articles == 239 and pairs > 200


def test_the_bound_of_align_never_sets_aside_a_pair_alike() -> None:
    """Pairs whose word diff keeps half of their characters always pass the bound on
    the words both have (it is an upper bound of what any diff keeps)."""
    texts = [t for old, new in _csi_versions() for t in old + new][:600]
    rng = random.Random(5)
    checked = alike = 0
    for _ in range(3000):
        a, b = rng.choice(texts), rng.choice(texts)
        if rng.random() < 0.5:  # near neighbours: a few words changed
            words = a.split(" ")
            for _ in range(rng.randint(1, 4)):
                words[rng.randrange(len(words))] = rng.choice(["loi", "décret", "", "1°"])
            b = " ".join(words)
        common = diffing._common(Counter(diffing._TOKEN_RE.findall(a)),
                                 Counter(diffing._TOKEN_RE.findall(b)))
        kept = sum(len(s.text) for s in single_pass(a, b) if s.op is Op.EQUAL)
        assert kept <= common
        checked += 1
        alike += 4 * kept >= len(a) + len(b)
    assert checked == 3000 and alike > 1000


# -- long texts ---------------------------------------------------------------------------


def _table(rows: int, seed: int) -> list[str]:
    """The visible text of a table: rubriques, designations, regimes, coefficients."""
    rng = random.Random(seed)
    words = ["installations", "de", "stockage", "broyage", "la", "quantité", "totale",
             "susceptible", "d'être", "présente", "supérieure", "inférieure", "ou", "égale",
             "à", "t", "m3", "A", "E", "D", "DC", "Rayon", "1", "2", "3"]
    out = []
    for row in range(rows):
        cells = [str(2500 + row), f"{rng.randint(1, 9)}."]
        cells += [rng.choice(words) for _ in range(rng.randint(6, 20))]
        cells += [rng.choice(["A", "E", "D"]), str(rng.randint(1, 3)), f"{rng.randint(1, 9)},5"]
        out.append(" ".join(cells))
    return out


def test_a_long_table_with_a_few_changes_is_diffed_in_one_pass() -> None:
    """Thousands of cells, three rows changed far apart: few tokens change, the single
    pass is cheap and its result is kept as it is."""
    rows = _table(1500, 1)
    changed = list(rows)
    changed[10] = changed[10].replace(" ", " stockage ", 1)
    changed[700] = "2700 4. installations classées"
    del changed[1400]
    old, new = " ".join(rows), " ".join(changed)
    assert len(diffing._TOKEN_RE.findall(old)) > 20 * diffing._DIRECT
    started = time.perf_counter()
    got = word_diff(old, new)
    assert time.perf_counter() - started < 2.0
    assert got == single_pass(old, new)


def test_a_long_table_rewritten_is_diffed_piece_by_piece() -> None:
    """A table larger than any of the LEGI history (88,000 characters), a third of its
    rows rewritten and others moved: a single pass takes tens of seconds (the square of
    the tokens that change); piece by piece, under a second, and the segments still
    rejoin into both texts."""
    rows = _table(1000, 2)
    rng = random.Random(3)
    changed = [r if rng.random() < 0.66 else " ".join(_table(1, rng.randint(0, 10**6)))
               for r in rows]
    changed[100:160] = reversed(changed[100:160])
    old, new = " ".join(rows), " ".join(changed)
    started = time.perf_counter()
    got = word_diff(old, new)
    assert time.perf_counter() - started < 2.0
    assert _rejoins(got, old, new)
    kept = sum(len(s.text) for s in got if s.op is Op.EQUAL)
    assert kept > 0.5 * len(old)  # the rows kept are found, not one deletion and insertion


# -- the LEGI history (etalab), when present -------------------------------------------------



def _versions(commit: str, path: str) -> tuple[list[str], list[str]]:
    mirror = legi_history_mirror()

    def show(rev: str) -> list[str]:
        text = subprocess.run(["git", "-C", str(mirror), "show", f"{rev}:{path}"],
                              capture_output=True, check=True).stdout.decode("utf-8")
        return [visible(a.text, a.markup) for a in read_article_text(text).alineas]

    return show(commit + "^"), show(commit)


def test_the_slowest_real_cases() -> None:
    """The code de procédure civile's article 879 (about 260 alinéas; 9 s of alignment
    before, one word diff per candidate pair) and the annex 4 to R. 511-9 of the code de
    l'environnement (a table of 77,000 characters; 13 s for one word diff before): under
    a second or so each, the alignment unchanged, the word diffs rejoining, the one of
    D. 321-15 (a long alinéa, 0.4 s in one pass) the same as before."""
    old, new = _versions("2e43fe2d15", "codes-en-vigueur/code-de-procedure-civile/livre-ii/"
                                       "titre-iv/article-879.md")
    assert len(new) > 250
    started = time.perf_counter()
    got = align(old, new, same_place=same_item_label)
    assert time.perf_counter() - started < 2.0
    assert got == reference_align(old, new, same_place=same_item_label)
    old, new = _versions("730dfe4cb3", "codes-en-vigueur/code-de-l-environnement/annexes/"
                                       "article-annexe-4-a-l-article-r511-9.md")
    a, b = max(old, key=len), max(new, key=len)
    assert len(b) > 70000
    started = time.perf_counter()
    segments = word_diff(a, b)
    assert time.perf_counter() - started < 2.0
    assert _rejoins(segments, a, b)
    old, new = _versions("c3670820f4", "codes-en-vigueur/code-de-l-environnement/"
                                       "partie-reglementaire/livre-iii/titre-ii/chapitre-ier/"
                                       "section-6/article-d321-15.md")
    long_pairs = [(old[p.old], new[p.new]) for p in align(old, new)
                  if p.old is not None and p.new is not None and old[p.old] != new[p.new]
                  and len(diffing._TOKEN_RE.findall(old[p.old]))
                  + len(diffing._TOKEN_RE.findall(new[p.new])) > diffing._DIRECT]
    assert long_pairs
    for a, b in long_pairs:
        assert word_diff(a, b) == single_pass(a, b)
