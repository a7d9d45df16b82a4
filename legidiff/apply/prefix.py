"""The prefix of article numbers replaced over a list of articles and ranges
(:class:`~legidiff.bill.operations.RenumberPrefix`): "Dans la numérotation des articles
R.* 112-6 à R.* 112-50, R.* 112-56, … et R.* 162-1, la lettre « R.* » est remplacée par la
lettre « R. »" (décret n° 2005-368 du 19 avril 2005, code rural).

Every article is found before any is renumbered, so the operation is made whole or not at
all: each single number and each end of a range exists once; a range runs over the base's
articles in their order inside the target, from its first end to its last, and each
article in it is written with the old prefix (one written otherwise is not named by the
list: LD313); the new numbers are free.
"""

from __future__ import annotations

from dataclasses import replace

from legidiff.apply.target import Applied, EngineError
from legidiff.apply.worktree import WArticle, Work, inside
from legidiff.bill.operations import RenumberPrefix
from legidiff.document.locator import Locator, Step, StepKind, find_article
from legidiff.lang.numbering import ArticleNumber, article_bill_form
from legidiff.lang.text import counted


def renumber_prefix(work: Work, op: RenumberPrefix) -> Applied:
    scope, w, _ = work.locate(op.target)
    if w is not None:
        raise EngineError("LD311", "numérotation : une division ou le texte est attendu, pas "
                                   "un article")
    old = _prefix(op.old)
    new = _prefix(op.new)
    if old is None or new is None:
        raise EngineError("LD311", f"« {op.old} » ou « {op.new} » n'est pas un préfixe de "
                                   "numéro d'article")
    order = [a for a in work.articles() if inside(a.parent, scope)]
    position = {id(a): i for i, a in enumerate(order)}
    chosen: list[WArticle] = []
    seen: set[int] = set()
    for first, last in op.numbers:
        start = find_article(work, scope, Step(StepKind.ARTICLE, first))  # raises: missing
        if last is None:
            span = [start]
        else:
            end = find_article(work, scope, Step(StepKind.ARTICLE, last))
            i, j = position[id(start)], position[id(end)]
            if j < i:
                raise EngineError("LD301", f"plage d'articles à l'envers : "
                                           f"{article_bill_form(first)} à "
                                           f"{article_bill_form(last)}")
            span = order[i:j + 1]
        for a in span:
            parsed = ArticleNumber.parse(a.article.num)
            if parsed is None or parsed.prefix != old:
                raise EngineError("LD313", f"l'article {article_bill_form(a.article.num)}, dans "
                                           f"la plage, ne commence pas par « {op.old} »")
            if id(a) not in seen:  # a number named twice (overlapping ranges) changes once
                seen.add(id(a))
                chosen.append(a)
    renamed = {id(a) for a in chosen}
    new_numbers: list[str] = []
    for a in chosen:
        parsed = ArticleNumber.parse(a.article.num)
        assert parsed is not None
        number = replace(parsed, prefix=new)
        taken = [o for o in work.index.get(number.key) or () if id(o) not in renamed]
        if taken:
            raise EngineError("LD307", f"l'article {number.bill} existe déjà")
        # in the article's own spelling: « R.* 112-6 » → « R. 112-6 », « R*112-6 » → « R112-6 »
        new_numbers.append(number.legi if a.article.num == parsed.legi else number.bill)
    for a, written in zip(chosen, new_numbers, strict=True):
        work.set_article(a, replace(a.article, num=written, layout=None), op.source.origin)
    return Applied(Locator(op.target.steps, op.target.code).to_french() or None,
                   counted(len(chosen), "article", "articles") + f" « {op.old} »",
                   ", ".join(new_numbers))


def _prefix(text: str) -> str | None:
    parsed = ArticleNumber.parse(f"{text} 1")
    return parsed.prefix if parsed is not None and parsed.prefix else None
