"""Parts of an instruction sentence → typed operations, in context.

The context of an item is what the chapeaux above it name (the code, a division, an
article, an item…) and the last unit of each kind named ("le même …"). Relative
locators ("Au premier alinéa", "Le I") go inside the context's unit; lists give one
operation per target; consecutive units replaced by one text become a span.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import assert_never

from legidiff.bill.operations import (
    Complete,
    DeleteEnd,
    DeleteUnit,
    DeleteWords,
    GroupArticles,
    InsertUnits,
    InsertWords,
    Move,
    NewText,
    Operation,
    Position,
    Renumber,
    RenumberPrefix,
    Repeal,
    ReplaceWords,
    Restore,
    Rewrite,
    RewriteEnd,
    RewriteStart,
    Source,
    SplitAlinea,
    UnitKind,
    Words,
)
from legidiff.bill.sentence import (
    MAX_RANGE,
    THE_BILL,
    Chain,
    Clause,
    ClauseKind,
    ContentSpec,
    Lead,
    LeadKind,
    Prepared,
    Sentence,
    SentenceError,
    TextKind,
    TextRef,
    UnitSpec,
    WordsSpec,
)
from legidiff.diagnostics import Diagnostic, LegidiffError, Location, Severity
from legidiff.document.locator import IN_ARTICLE, Locator, Step, StepKind, code_slug
from legidiff.document.structure import Level, read_labels, strip_header
from legidiff.lang.codes import canonical_code_name, code_key, name_from_slug
from legidiff.lang.numbering import (
    ArticleNumber,
    article_key,
    division_key,
    int_to_roman,
    roman_to_int,
    strip_accents,
)
from legidiff.lang.text import counted
from legidiff.lang.vocabulary import Verb
from legidiff.perf import quick_init

# ---------------------------------------------------------------------------
# Context and resolution


# The text of the items under a chapeau the grammar did not read (« Le code des pensions
# militaires d'invalidité et des victimes de guerre est ainsi modifié : » before that name
# was known): what they modify is not known, so they never apply to the base, even when
# a code is given by default (--code); an item naming its own text reads as it says.
UNREAD_CHAPEAU = "chapeau-non-compris"


@dataclass
class Context:
    """What the instructions of an item refer to: the text (code or law) and the unit
    named by the chapeaux above, and the last unit of each kind named ("le même …")."""

    text: str | None = None  # code or law slug
    text_name: str | None = None
    steps: tuple[Step, ...] = ()
    last: dict[StepKind, Step] = field(default_factory=dict)
    last_text: str | None = None
    # the whole address of the last unit of each kind named: "le même chapitre" is that
    # chapter of that titre, not any chapter of that number
    paths: dict[StepKind, tuple[Step, ...]] = field(default_factory=dict)
    # the dates a chapeau gives ("À compter du 1er janvier 2012, le code … est ainsi
    # modifié :") apply to the items below
    dates: tuple[str, ...] = ()
    recent: tuple[Locator, ...] = ()  # what the last lead named ("ces alinéas")
    # the text of each of those addresses ("À l'alinéa 12 de l'article 1 du code civil,
    # faire précéder cet alinéa …": that alinéa of the code civil)
    path_texts: dict[StepKind, str | None] = field(default_factory=dict)
    # the last code named: « du même code » is that code, even when a law, an ordonnance
    # or a décret was named since (« … de la loi n° 91-411 … ; … du même code »)
    last_code: str | None = None
    # the laws named as organic laws (« la loi organique n° 99-209 … »), in the whole bill
    # (one set, shared by the contexts of its items): « la même loi organique » is the last
    # text named only when it is one of them (their keys do not say it: « loi-99-209 »)
    organic: set[str] = field(default_factory=set)
    # the bill amendments amend (its slug): what « le titre du projet de loi », « l'intitulé
    # de la proposition de loi » name; None outside amendments (a law names no bill so)
    bill: str | None = None

    def child(self, text: str | None, text_name: str | None, steps: tuple[Step, ...]
              ) -> Context:
        return Context(text, text_name, steps, dict(self.last), self.last_text,
                       paths=dict(self.paths), dates=self.dates,
                       path_texts=dict(self.path_texts), last_code=self.last_code,
                       organic=self.organic, bill=self.bill)


def is_code_slug(slug: str | None) -> bool:
    """Whether a text's slug is a code's (any « code-… », known or not, and every code of
    the table: the livre des procédures fiscales), not a law's, an ordonnance's, a décret's
    (« loi-78-17 », « décret-1987-03-19 ») nor the text of a chapeau not understood."""
    return slug is not None and (slug.startswith("code-") or name_from_slug(slug) is not None)


_DIVISION_ORDER = [StepKind.PARTIE, StepKind.LIVRE, StepKind.TITRE, StepKind.CHAPITRE,
                   StepKind.SECTION, StepKind.SOUS_SECTION, StepKind.PARAGRAPHE,
                   StepKind.SOUS_PARAGRAPHE, StepKind.ANNEXE]


@lru_cache(maxsize=1024)
def _item_level(label: str) -> int:
    labels = read_labels(_label_mention(label) + " X")
    return int(labels[0].level) if labels else int(Level.SMALL)


def _label_mention(label: str) -> str:
    """A label as it opens an alinéa: « I. – », « A. – », « 1° », « 1° bis », « a) », « 1. »
    (the code général des impôts' items « 1 », « 2 bis »); one written so already, as is."""
    if label.endswith(("°", ")", ".", "–", "-")) or re.match(r"\d+°", label):
        return label
    if re.fullmatch(r"[a-z]{1,2}(?: \w+)?", label):
        return f"{label})"
    if re.fullmatch(r"\d+(?: \w+)?", label):
        return f"{label}."
    return f"{label}. –"


def _depth(step: Step) -> tuple[int, int]:
    """Order of steps from outer to inner, for relative locators."""
    if step.kind in _DIVISION_ORDER:
        return (0, _DIVISION_ORDER.index(step.kind))
    if step.kind is StepKind.ARTICLE:
        return (1, 0)
    if step.kind is StepKind.ITEM:
        return (2, _item_level(step.value))
    if step.kind is StepKind.TIRET:
        return (2, int(Level.TIRET))
    if step.kind is StepKind.POINT:  # « le point 2.2.1 »: inside an article, as an item
        return (2, int(Level.NUMBER))
    if step.kind in (StepKind.INTITULE, StepKind.DIVISION):
        # a division named by its heading: of no known rank, inside those named by kind
        return (0, len(_DIVISION_ORDER))
    if step.kind is StepKind.ALINEA:
        return (3, 0)
    if step.kind is StepKind.TABLEAU:  # an alinéa of HTML
        return (3, 1)
    if step.kind is StepKind.COLONNE:  # "aux troisième et quatrième colonnes du tableau
        return (3, 2)                  # …, les neuvième et dixième lignes": rows inside
    if step.kind is StepKind.LIGNE:
        return (3, 3)
    return (4, 0)


class ContextError(LegidiffError):
    """A reference the context cannot resolve: "du même code" with no code named
    before (LD209), a relative locator outside any chapeau."""


def resolve_chain(chain: Chain | None, context: Context) -> list[Locator]:
    """The locators a chain designates in a context (one per value of its lists)."""
    text, _ = _resolve_text(chain.text if chain else None, context)
    # (the bill itself, « le titre du projet de loi », is named from its top: not inside
    # the article an amendment is on)
    the_bill = chain is not None and _names_the_bill(chain.text)
    if chain is None or not chain.units:
        return [Locator(context.steps if text == context.text and not the_bill else (), text)]
    outer_first = list(reversed(chain.units))
    alternatives: list[list[Step]] = [[]]
    absolute = False
    first = outer_first[0]
    path = context.paths.get(first.kind)
    if path is not None and first.kind is StepKind.ITEM and first.values:
        path = _recalled_item(first, path) or path  # « du même 2° »: up to that 2°
    if (first.same or first.this) and not first.plural and path is not None and \
            chain.text is None:
        # "le même chapitre", "le premier alinéa du même article": the unit named before,
        # with its whole address
        alternatives = [list(path[:-1])]
        absolute = True
        text = context.path_texts.get(first.kind, text) or text
    # the chain goes inside the article of the chapeau (« L'article 9 est ainsi modifié : »)
    in_article = chain.text is None and not absolute and any(
        s.kind is StepKind.ARTICLE for s in context.steps)
    for spec in outer_first:
        if spec is first and spec.labels and in_article:
            # « L'article 9 est ainsi modifié : 1° Le paragraphe II est abrogé »: the
            # article's II (as « le paragraphe II de l'article 9 »); it was the division
            # « paragraphe 2 » of the code, wherever it was, repealed
            steps = [Step(StepKind.ITEM, label) for label in spec.labels]
        elif spec is first and in_article and context.bill is None and not spec.same and \
                not spec.this and (spec.kind.division is not None or spec.kind in (
                    StepKind.INTITULE, StepKind.DIVISION)):
            # « L'article 9 est ainsi modifié : 1° La section 2 est abrogée », « … 1°
            # L'intitulé est ainsi rédigé »: no division, no heading is inside an article;
            # which one is meant is not said (it was the code's section 2, the code's own
            # title, the article set aside without a word). (An amendment on an article
            # of the bill may name a division of the bill: « Supprimer le chapitre II », as
            # before.)
            noun = {StepKind.INTITULE: "intitulé", StepKind.DIVISION: "division"}.get(
                spec.kind, spec.kind.value)
            raise ContextError("LD203", f"« {noun} » nommé(e) dans un article : tournure "
                                        "non reconnue")
        else:
            steps = _spec_steps(spec, context)
        alternatives = [[*prefix, step] for prefix in alternatives for step in steps]
    out = []
    for steps in alternatives:
        base: tuple[Step, ...] = context.steps if (chain.text is None or text == context.text
                                                   ) and not absolute and not the_bill else ()
        located = Locator(_attach(base, tuple(steps)), text)
        if _inside_table(located) or (steps and steps[0].kind not in _TABLE_KINDS and any(
                s.kind is StepKind.TABLEAU for s in base)):
            # "Le tableau du f … est ainsi modifié : 1° Le premier alinéa est supprimé": a
            # table (one alinéa of HTML) has rows and columns, nothing else
            raise ContextError("LD203", "unité d'un tableau autre qu'une ligne ou une "
                                        "colonne : tournure non reconnue")
        out.append(located)
    return out


def _recalled_item(spec: UnitSpec, path: tuple[Step, ...]) -> tuple[Step, ...] | None:
    """The address, up to it, of the item « le même 2° » recalls in the address of the
    last item named (the 2° holding the a named last), or None."""
    at = [k for k, s in enumerate(path) if s.kind is StepKind.ITEM and s.value in spec.values]
    return path[:at[-1] + 1] if at else None


def _recalls(chain: Chain) -> bool:
    """Whether a chain recalls one unit named before (« du même article », « de cet
    alinéa »), not every unit of a lead (« ces alinéas »)."""
    return any((u.same or u.this) and not u.plural for u in chain.units)


def resolve_listed(chains: list[Chain], context: Context) -> list[list[Locator]]:
    """The locators of units named together, in order. A unit recalled by « même » or
    « ce » is the one named last, even in the same list: in « Le premier alinéa de
    l'article L. 1 et le deuxième alinéa du même article » or « Au 1° du I de l'article
    L. 1 et au 2° du même I », the units named before it are remembered first — never a
    unit an earlier item named (it was taken, a wrong target)."""
    out: list[list[Locator]] = []
    for chain in chains:
        if out and _recalls(chain):
            for locs in out:
                for loc in locs:
                    remember(context, loc)
        out.append(resolve_chain(chain, context))
    return out


_TABLE_KINDS = (StepKind.TABLEAU, StepKind.LIGNE, StepKind.COLONNE)


def _inside_table(locator: Locator) -> bool:
    """Whether a unit other than a row or a column is named inside a table."""
    seen = False
    for step in locator.steps:
        if seen and step.kind not in (StepKind.LIGNE, StepKind.COLONNE):
            return True
        seen = seen or step.kind is StepKind.TABLEAU
    return False


def _whole(ref: TextRef, context: Context) -> Locator:
    """The whole of a text: "dans l'ensemble du code électoral", "… du code" (the text of
    the context), "… du même code"."""
    if ref.kind is TextKind.CONTEXT:
        return Locator((), context.text)
    text, _ = _resolve_text(ref, context)
    return Locator((), text)


def _names_the_bill(ref: TextRef | None) -> bool:
    """Whether ``ref`` is « du projet de loi », « de la proposition de loi »: the bill the
    amendments amend (:data:`THE_BILL`)."""
    return ref is not None and ref.kind is TextKind.CONTEXT and ref.name == THE_BILL


def _resolve_text(ref: TextRef | None, context: Context) -> tuple[str | None, str | None]:
    if ref is None:
        return context.text, context.text_name
    if _names_the_bill(ref):
        # « le titre du projet de loi »: the bill the amendments amend
        if context.bill is None:
            raise ContextError("LD209", "« le projet de loi » ou « la proposition de loi » "
                                        "nommé hors d'un amendement : quel texte, pas dit")
        return context.bill, context.bill
    if ref.kind is TextKind.CONTEXT:
        # "Compléter cet amendement par …": a sub-amendment, whose text is the amendment
        # it names ("amendement-24"), or "amendement" when its number is not given (a
        # reader of amendments says so, LD216 warning); anywhere else, which amendment
        # is not said
        if ref.name == "amendement" and (context.text is None or not (
                context.text == "amendement" or context.text.startswith("amendement-"))):
            raise ContextError("LD216", "sous-amendement : le numéro de l'amendement qu'il "
                                        "modifie n'est pas donné")
        return context.text, context.text_name
    if ref.kind is TextKind.SAME:
        if ref.name in ("code", "ce code"):  # « du même code », « dudit code »
            last = context.last_code
        elif ref.name:  # « la même loi », « le même décret »: the last text named, if one
            # of that kind (a code named since leaves it in doubt, never the code)
            kind = context.last_text.split("-", 1)[0] if context.last_text else None
            last = context.last_text if kind == ref.name.split()[0] else None
            if ref.name == "loi organique" and last is not None and last not in context.organic:
                raise ContextError("LD209", f"« la même loi organique » : le dernier texte "
                                            f"nommé ({last}) n'est pas une loi organique")
            if len(ref.name.split()) > 1 and ref.name != "loi organique":
                # « la même loi n° 91-411 »: its number names it; the text named last, when
                # there is one of that kind, must be that one
                named = law_key(ref.name)
                if last is not None and last != named:
                    raise ContextError("LD209", f"« la même {ref.name} » n'est pas le dernier "
                                                f"texte nommé ({last})")
                return named, ref.name
        else:
            last = context.last_text
        if last is None:
            raise ContextError("LD209", "« du même code » sans code nommé auparavant"
                               if ref.name in ("code", "") else
                               "« dudit code », « de ce code » ou « du code » sans code nommé "
                               "auparavant" if ref.name == "ce code" else
                               f"« même {ref.name} » sans texte nommé auparavant")
        return last, context.text_name
    slug, name = _text_slug(ref.kind, ref.name)
    if ref.kind is TextKind.LAW and _ORGANIC_RE.match(ref.name):
        context.organic.add(slug)
    return slug, name


_ORGANIC_RE = re.compile(r"loi\s++organique\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _text_slug(kind: TextKind, name: str) -> tuple[str, str]:
    """Slug and name of a code or law: "code de la route" → "code-de-la-route"."""
    if kind is TextKind.LAW:
        return law_key(name), name
    canonical = canonical_code_name(name)
    return code_key(canonical), canonical


_LAW_NUMBER_RE = re.compile(r"^\S+(?:\s+organique)?\s++(?:(?:n°|no|n\s*+°)\s*+)?(\d[\d-]*)",
                            re.IGNORECASE)
# "la loi de finances pour 1984 (n° 83-1179 du 29 décembre 1983)": the number after the title
_LAW_NUMBER_AFTER_RE = re.compile(
    r"^\S+ de (?:financement|finances)\b[^()]*\(\s*n\s*°\s*(\d[\d-]*)", re.IGNORECASE)
_LAW_DATE_RE = re.compile(r"\bdu\s+(1er|\d{1,2})\s+([a-zéèûô]+)\s+(\d{4})\b", re.IGNORECASE)
_MONTHS = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
           "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
           "decembre": 12}


def law_key(name: str) -> str:
    """The key of a law, décret, ordonnance or arrêté: its kind and number when it has
    one (a number names one text of its kind), else its kind and whole date (two décrets
    of the same day of different months or years must not meet), else — "la loi n° du
    relative à l'entrepreneur individuel …", a law whose number and date are not yet
    known — its kind and title.

    >>> law_key("loi n° 78-17 du 6 janvier 1978 relative à l'informatique")
    'loi-78-17'
    >>> law_key("décret du 19 mars 1987 susvisé"), law_key("décret du 19 avril 1987")
    ('décret-1987-03-19', 'décret-1987-04-19')
    >>> law_key("loi de finances pour 1984 (n° 83-1179 du 29 décembre 1983)")
    'loi-83-1179'
    >>> law_key("loi n° du relative à l'entrepreneur individuel")
    'loi-relative-a-l-entrepreneur-individuel'
    """
    word = name.split()[0].lower().replace("decret", "décret")
    number = _LAW_NUMBER_RE.match(name) or _LAW_NUMBER_AFTER_RE.search(name)
    if number is not None:
        return f"{word}-{number.group(1)}"
    date = _LAW_DATE_RE.search(name)
    month = _MONTHS.get(strip_accents(date.group(2)).lower()) if date else None
    if date is not None and month is not None:
        day = 1 if date.group(1).lower() == "1er" else int(date.group(1))
        return f"{word}-{int(date.group(3)):04d}-{month:02d}-{day:02d}"
    title = re.sub(r"^\S+(?:\s+organique)?\s+(?:n°|no|n\s*°)?\s*(?:du\b)?", "", name,
                   flags=re.IGNORECASE)
    return f"{word}-{code_slug(title)}" if code_slug(title) else code_slug(name)


def _spec_steps(spec: UnitSpec, context: Context) -> list[Step]:
    if spec.same and spec.plural:
        # "ces alinéas": every unit of that kind the last lead named
        group = [step for loc in context.recent for step in loc.steps[-1:]
                 if step.kind is spec.kind]
        if not group:
            raise ContextError("LD209", f"« ces {_NOUNS.get(spec.kind, spec.kind.value)}s » "
                                        "sans antécédent dans l'instruction")
        return group
    if spec.same or spec.this:
        # "le même alinéa", "du présent article", "dudit article": the last one named
        previous = context.last.get(spec.kind)
        if previous is None and spec.same and spec.values and (
                spec.kind is StepKind.ARTICLE or spec.kind.division is not None):
            # "après le même article L. 311-4", "le même chapitre VI": the number is given,
            # « même » only recalls an earlier item (which may not be at hand: one item
            # alone, an excerpt)
            if spec.kind is StepKind.ARTICLE:
                return [Step(StepKind.ARTICLE, article_key(v)) for v in spec.values]
            return [Step(spec.kind, v) for v in spec.values]
        if previous is None:
            word = "même" if spec.same else "présent"
            raise ContextError("LD209", f"« {word} {_NOUNS.get(spec.kind, spec.kind.value)} »"
                                           " sans antécédent dans les instructions")
        named = {loc.steps[index] for loc in context.recent
                 for index in range(len(loc.steps)) if loc.steps[index].kind is spec.kind}
        if not spec.values and len(named) > 1 and previous in named:
            # « Aux alinéas 3 et 5, … ; audit alinéa / au même alinéa / à cet alinéa, … »:
            # one of the units the last lead named, which one is not said (never the last)
            raise ContextError("LD209", f"« {_NOUNS.get(spec.kind, spec.kind.value)} » "
                                        "rappelé (« même », « ce », « ledit ») après "
                                        f"{len(named)} unités de cette sorte : lequel n'est "
                                        "pas dit")
        if spec.values and spec.kind is StepKind.ITEM and previous.value not in spec.values:
            # « Au a du 2° … ; au b du même 2° »: the 2° that holds the a named last; «
            # au 1° du I … et au 2° du même I » likewise — never a unit of the last item
            # (the b of the a), nor another item of that number named before
            held = _recalled_item(spec, context.paths.get(StepKind.ITEM, ()))
            if held is None:
                raise ContextError("LD209", f"« même {spec.values[0]} » : le dernier élément "
                                            f"nommé est le {previous.value}")
            return [held[-1]]
        if spec.confirm and previous.value not in spec.values:
            raise ContextError("LD209", f"« même {_NOUNS.get(spec.kind, spec.kind.value)} "
                                        f"{spec.values[0]} » : le dernier nommé est "
                                        f"{previous.value}")
        if spec.values and previous.value not in spec.values and spec.kind in (
                StepKind.PHRASE, StepKind.ALINEA):
            return [Step(spec.kind, v) for v in spec.values]
        return [previous]
    if spec.untils:
        # a list of ranges and single numbers: each range as one range would be
        return [step for value, until in zip(spec.values, spec.untils, strict=True)
                for step in _range_steps(spec.kind, value, until)]
    if spec.kind is StepKind.ARTICLE:
        return [step for v in spec.values for step in _range_steps(spec.kind, v, spec.until)]
    if spec.until is not None:
        return _range_steps(spec.kind, spec.values[0], spec.until)
    if spec.heading is not None or spec.about is not None:
        # « la section IV intitulée : « … » », « le chapitre III relatif à … »: one division
        return [Step(spec.kind, v, heading=spec.heading, about=spec.about)
                for v in spec.values]
    return [Step(spec.kind, v) for v in spec.values]


def _range_steps(kind: StepKind, value: str, until: str | None) -> list[Step]:
    """The steps of one unit, or of a range from it to ``until``: the articles a range
    holds are the code's to say (one step with its end); labels spelt out when simple
    (« III à V », « 1° à 3° »), else one step with its end."""
    if kind is StepKind.ARTICLE:
        return [Step(kind, article_key(value), until=article_key(until) if until else None)]
    if until is None:
        return [Step(kind, value)]
    expanded = _expand_labels(value, until)
    if expanded is not None:
        return [Step(kind, v) for v in expanded]
    return [Step(kind, value, until=until)]


_NOUNS = {StepKind.ARTICLE: "article", StepKind.ITEM: "élément", StepKind.ALINEA: "alinéa",
          StepKind.PHRASE: "phrase", StepKind.TIRET: "tiret", StepKind.TABLEAU: "tableau",
          StepKind.POINT: "point"}


def _expand_labels(first: str, last: str) -> list[str] | None:
    """"III" à "V" → III, IV, V; "1°" à "3°" → 1°, 2°, 3°; None when not simple."""
    a, b = roman_to_int(first), roman_to_int(last)
    if a is not None and b is not None and a < b <= a + 50:
        return [int_to_roman(n) for n in range(a, b + 1)]
    ma, mb = re.fullmatch(r"(\d{1,9})°", first), re.fullmatch(r"(\d{1,9})°", last)
    if ma and mb and int(ma.group(1)) < int(mb.group(1)) <= int(ma.group(1)) + MAX_RANGE:
        return [f"{n}°" for n in range(int(ma.group(1)), int(mb.group(1)) + 1)]
    return None


def _attach(base: tuple[Step, ...], steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """Attach a locator to the context: an article or a division starts over inside the
    context's divisions; an item, alinéa or phrase goes inside the context's unit,
    replacing what is at its depth or deeper."""
    if not steps or not base:
        return steps or base
    first = _depth(steps[0])
    kept = tuple(s for s in base if _depth(s) < first)
    if first[0] >= 2 and not any(s.kind is StepKind.ARTICLE for s in kept):
        kept = tuple(s for s in base if _depth(s) < first)
    return (*kept, *steps)


def share_tail(chains: list[Chain]) -> list[Chain]:
    """Units named together share the containers written once, after the last of those
    that need them: "au 2° et au 3° de l'article L. 7124-16" is the 2° of that article too;
    "à la première phrase du II et au dernier alinéa du III de l'article L. 1" names the II
    of that article. A unit takes from the unit named after it (itself completed so) the
    containers outer to its own outermost unit — when that one names a unit of the same
    level — and its text. Never from a later one: in « Aux deux premiers alinéas et à la
    première phrase du dernier alinéa de l'article L. 465-1 et au second alinéa de
    l'article L. 465-2 » the first two alinéas are L. 465-1's (2013 banking bill), and in
    « à la deuxième phrase du septième alinéa et au dernier alinéa de l'article L. 122-18,
    à la première phrase … de l'article L. 123-10 » the seventh alinéa is L. 122-18's."""
    if len(chains) < 2:
        return chains
    out = [chains[-1]]
    for chain in reversed(chains[:-1]):
        after = out[-1]
        out.append(chain)
        if not chain.units or chain.text is not None or any(
                u.same or u.this for u in chain.units):
            continue
        outermost = _spec_depth(chain.units[-1])
        if not any(_spec_depth(u) == outermost for u in after.units):
            # "au premier alinéa et à l'article L. 2": the next names no unit of that level,
            # so nothing was written once for both
            continue
        outer = tuple(u for u in after.units if _spec_depth(u) < outermost)
        if any(u.same or u.this for u in outer):
            continue
        out[-1] = Chain((*chain.units, *outer), after.text)
    return out[::-1]


def _text_carried(chains: list[Chain]) -> list[Chain]:
    """With no text in the context, a unit named after another of a text named is of
    that text: "Aux trois alinéas de l'article L. 465-1 du code monétaire et financier et
    au second alinéa de l'article L. 465-2, …" (2013 banking bill)."""
    out: list[Chain] = []
    named: TextRef | None = None
    for chain in chains:
        outermost = chain.units[-1] if chain.units else None
        if chain.text is None and named is not None and outermost is not None and (
                outermost.kind is StepKind.ARTICLE or outermost.kind in _DIVISION_ORDER) \
                and not (outermost.same or outermost.this):
            chain = Chain(chain.units, named)
        elif chain.text is not None:
            named = chain.text
        out.append(chain)
    return out


def _spec_depth(spec: UnitSpec) -> tuple[int, int]:
    return _depth(Step(spec.kind, spec.values[0] if spec.values else ""))


def remember(context: Context, locator: Locator) -> None:
    """Record the units a locator names, for later "même …"."""
    for index, step in enumerate(locator.steps):
        context.last[step.kind] = step
        context.paths[step.kind] = locator.steps[:index + 1]
        context.path_texts[step.kind] = locator.code
    if locator.code:
        context.last_text = locator.code
        if is_code_slug(locator.code):
            context.last_code = locator.code


# ---------------------------------------------------------------------------
# Building operations


@quick_init
@dataclass(frozen=True, slots=True)
class Built:
    operations: tuple[Operation, ...]
    chapeau: Context | None  # the context of the items below, when this is a chapeau
    diagnostics: tuple[Diagnostic, ...]
    # "Les articles 335 et 448 sont ainsi modifiés :": the items below apply to each unit
    # the chapeau names; the contexts of the units after the first
    more_chapeaux: tuple[Context, ...] = ()


def build_operations(sentence: Sentence, prepared: Prepared, context: Context, source: Source,
                     block: tuple[str, ...] | None, block_markers: tuple[str, ...],
                     path: str) -> Built:
    """Turn a parsed sentence into operations, in the context of its item."""
    builder = _Builder(prepared, context, source, block, block_markers, path, sentence)
    marks: list[int] = []  # where the operations of each clause start
    for leads, clause in sentence.items:
        marks.append(len(builder.ops))
        builder.clause(leads, clause)
    _last_first(builder.ops, marks)
    for leads, clause in sentence.items:
        # "A l'article R. 224-1 qui devient l'article R. 534-5, …": once changed, renumbered
        for chain in (*(lead.chain for lead in leads), *clause.subjects):
            if chain is None or chain.becomes is None:
                continue
            if chain in clause.subjects and clause.kind in (
                    ClauseKind.UNIT_REWRITE, ClauseKind.UNIT_REPLACE, ClauseKind.UNIT_RESTORE,
                    ClauseKind.UNIT_DELETE, ClauseKind.UNIT_REPEAL, ClauseKind.UNIT_RENUMBER):
                # « L'article R. 1, qui devient l'article R. 2, est ainsi rédigé : « Art. R. 2. –
                # … » »: the text under its new number, the rewrite of the old one — which
                # comes first is not said; a unit renumbered and repealed, or renumbered twice
                raise ContextError("LD203", "unité réécrite, supprimée ou renumérotée qui prend "
                                            "un autre numéro (« qui devient ») : non lue")
            builder.relative_renumber(chain, chain.becomes)
    return Built(tuple(builder.ops), builder.chapeau, tuple(builder.diagnostics),
                 tuple(builder.more_chapeaux))


@quick_init
@dataclass(frozen=True, slots=True)
class _Targets:
    """What the leads of a clause designate: the units, and the edge, anchor and
    "everywhere" that apply to it."""

    units: list[Locator]
    edge: Lead | None
    anchor: Lead | None
    everywhere: bool
    at: bool = False  # the units were named by a lead ("À l'article L. 1, …")
    all_texts: bool = False  # "dans tous les textes législatifs et réglementaires"
    # "Au 1° et, deux fois, au 2°": how many times the words are in each unit (None: once)
    counts: list[int | None] | None = None


class _Builder:
    """The operations of one sentence: one method per family of clauses."""

    def __init__(self, prepared: Prepared, context: Context, source: Source,
                 block: tuple[str, ...] | None, block_markers: tuple[str, ...], path: str,
                 sentence: Sentence):
        self.prepared = prepared
        self.context = context
        self.source = source
        self.block = block
        self.block_markers = block_markers
        self.path = path
        self.ops: list[Operation] = []
        self.diagnostics: list[Diagnostic] = []
        self.chapeau: Context | None = None
        self.more_chapeaux: list[Context] = []
        self.lead_units: list[Locator] | None = None
        self.previous: list[Locator] = []  # the subjects of the clause before
        first_leads = sentence.items[0][0] if sentence.items else ()
        # the leads of the first clause that name a unit apply to all the clauses
        self.shared = [lead for lead in first_leads
                       if lead.kind in (LeadKind.AT, LeadKind.EVERYWHERE)]

    def clause(self, leads: tuple[Lead, ...], clause: Clause) -> None:
        if clause.kind in (ClauseKind.WORDS_REPLACE, ClauseKind.WORDS_DELETE):
            # "À la fin de la troisième phrase du premier alinéa de l'article L. 811-2 et à
            # la dernière phrase …, les mots : « X » sont remplacés …": where in the phrase
            # the words are adds nothing to a replacement (the words are found there, once,
            # or the engine says so): the phrase is the unit, beside the others
            leads = tuple(Lead(LeadKind.AT, chain=lead.chain)
                          if lead.kind is LeadKind.EDGE and lead.chain is not None else lead
                          for lead in leads)
        targets = self.targets(leads) if not clause.inner_at else self.inner_targets(
            leads, clause.inner_at)
        # "À l'article L. 1, le 2° est supprimé", "À l'alinéa 2, rétablir le 2° …": the
        # subject is inside the units the lead names
        self.lead_units = targets.units if targets.at else None
        if clause.content is not None and clause.content.row:
            # "une ligne ainsi rédigée": a row goes into a table, nowhere else
            mark = len(self.ops)
            self.clause_of(leads, clause, targets)
            if any(not _in_table(op.target) for op in self.ops[mark:]):
                raise ContextError("LD203", "une ligne de tableau hors d'un tableau : "
                                            "tournure non reconnue")
            return
        self.clause_of(leads, clause, targets)

    def clause_of(self, leads: tuple[Lead, ...], clause: Clause, targets: _Targets) -> None:
        """The operations of one clause, its targets found."""
        if clause.inner_lead is not None and clause.kind is not ClauseKind.UNIT_INSERT:
            # a place named after the verb is read for an insertion only: never dropped
            raise ContextError("LD203", "une place nommée après le verbe : tournure non "
                                        "reconnue")
        if clause.everywhere_in is not None and not any(lead.kind is LeadKind.AT
                                                        for lead in leads):
            targets = replace(targets, units=[_whole(clause.everywhere_in, self.context)])
        if targets.counts is not None and clause.kind not in (
                ClauseKind.WORDS_REPLACE, ClauseKind.WORDS_DELETE, ClauseKind.UNIT_INSERT):
            raise ContextError("LD203", "nombre d'occurrences d'une unité pour une autre "
                                        "opération que sur des mots : tournure non reconnue")
        match clause.kind:
            case ClauseKind.WORDS_REPLACE | ClauseKind.WORDS_DELETE:
                self.words_clause(clause, targets)
            case ClauseKind.END_REWRITE | ClauseKind.END_DELETE:
                self.end_clause(clause, targets)
            case ClauseKind.START_REWRITE:
                self.start_clause(clause, targets)
            case ClauseKind.WORDS_ELIDED:  # made whole by the parser, or refused there
                raise ContextError("LD203", "mots sans verbe : tournure non reconnue")
            case ClauseKind.UNIT_MODIFY:
                self.chapeau_clause(clause)
            case ClauseKind.LEAD_CHAPEAU:
                self.lead_chapeau(targets)
            case (ClauseKind.UNIT_REWRITE | ClauseKind.UNIT_REPLACE | ClauseKind.UNIT_COMPLETE
                  | ClauseKind.UNIT_DELETE | ClauseKind.UNIT_REPEAL | ClauseKind.UNIT_RESTORE):
                self.unit_clause(clause)
            case ClauseKind.UNIT_PRECEDE:
                self.precede_clause(clause)
            case ClauseKind.UNIT_LABEL:
                self.label_clause(clause)
            case ClauseKind.UNIT_GROUP:
                self.group_clause(clause)
            case ClauseKind.UNIT_RENUMBER:
                self.renumber_clause(clause)
            case ClauseKind.NUMBERING_REPLACE:
                self.numbering_clause(clause, targets)
            case ClauseKind.UNIT_INSERT:
                self.ops.extend(_insert(clause, targets.units, targets.anchor, targets.edge,
                                        self.context, self.source, self.new_text, self.words,
                                        targets.counts))
            case _:
                assert_never(clause.kind)

    # what the leads designate ---------------------------------------------------

    def inner_targets(self, leads: tuple[Lead, ...], inner: tuple[Lead, ...]) -> _Targets:
        """The targets of a clause that names units after its verb, before the place of
        what it inserts (« Il est inséré, au deuxième alinéa, après les mots : … »): those
        units, inside the units its own leads name if it has any (« À l'article L. 1, il
        est inséré, au deuxième alinéa, … »), else as a lead before the verb would name
        them. A text alone inside units is not read, nor several places: « Il est inséré,
        dans le code civil, au deuxième alinéa de l'article 5, après le mot : … » named one
        place inside the other, and was read as two (the words inserted in the whole code
        too)."""
        if len(inner) > 1:
            raise ContextError("LD203", "plusieurs unités nommées après le verbe : tournure non "
                                        "reconnue")
        if not any(lead.kind is LeadKind.AT for lead in (*leads, *self.shared)):
            return self.targets((*leads, *inner))
        outer = self.targets(leads)
        units: list[Locator] = []
        for lead in inner:
            assert lead.chain is not None
            if lead.chain.text is not None or not lead.chain.units:
                raise ContextError("LD203", "un texte nommé à l'intérieur d'une unité : "
                                            "tournure non reconnue")
            units.extend(loc for base in outer.units for loc in resolve_chain(
                lead.chain, self.context.child(base.code, self.context.text_name, base.steps)))
        return replace(outer, units=units, at=True)

    def targets(self, leads: tuple[Lead, ...]) -> _Targets:
        context = self.context
        # the leads by kind, in one pass (run for every sentence of a bill)
        at: list[Lead] = []
        edge: Lead | None = None
        anchor: Lead | None = None
        everywhere_leads: list[Lead] = []
        for lead in leads:
            if lead.kind is LeadKind.AT:
                at.append(lead)
            elif lead.kind is LeadKind.EDGE:
                edge = lead if edge is None else edge
            elif lead.kind is LeadKind.ANCHOR:
                anchor = lead if anchor is None else anchor
            elif lead.kind is LeadKind.EVERYWHERE:
                everywhere_leads.append(lead)
        own = bool(at)
        if self.shared:
            at = at or [lead for lead in self.shared if lead.kind is LeadKind.AT]
            everywhere_leads += [lead for lead in self.shared
                                 if lead.kind is LeadKind.EVERYWHERE]
        named = next((lead.chain.text for lead in everywhere_leads
                      if lead.chain is not None and lead.chain.text is not None), None
                     ) if everywhere_leads else None
        if everywhere_leads and any(lead.all_texts for lead in everywhere_leads):
            # every legislative and regulatory text: no unit, no text named (the engine
            # applies it to the base, which is one of them)
            if at or edge is not None or anchor is not None or named is not None:
                raise ContextError("LD203", "« dans tous les textes législatifs et "
                                            "réglementaires » avec une unité : tournure non "
                                            "reconnue")
            return _Targets([Locator((), None)], None, None, True, False, all_texts=True)
        counts: list[int | None] | None = None
        if at:
            chains = share_tail([lead.chain for lead in at if lead.chain is not None])
            if context.text is None:
                chains = _text_carried(chains)
            if any(lead.times is not None for lead in at):
                if len(chains) != len(at) or not own:  # the count is of the first clause's words
                    raise ContextError("LD203", "nombre d'occurrences d'une unité parmi "
                                                "plusieurs : tournure non reconnue")
                resolved = resolve_listed(chains, context)
                if any(lead.times is not None and len(locs) != 1
                       for lead, locs in zip(at, resolved, strict=True)):
                    # « Aux 1° et 2°, deux fois, et au 3° »: twice in each, or once in each
                    # (as « deux fois » over two units reads, see per_unit)
                    raise ContextError("LD203", "nombre d'occurrences pour plusieurs unités "
                                                "d'une liste : combien dans chacune n'est "
                                                "pas dit")
                units = [loc for locs in resolved for loc in locs]
                counts = [lead.times for lead, locs in zip(at, resolved, strict=True)
                          for _ in locs]
            else:
                units = [loc for locs in resolve_listed(chains, context) for loc in locs]
        elif named is not None:
            units = [_whole(named, context)]
        else:
            units = [Locator(context.steps, context.text)]
        if edge is not None and edge.chain is not None:
            if at and (edge.chain.text is not None or any(
                    u.kind is StepKind.ARTICLE or u.kind in _DIVISION_ORDER
                    for u in edge.chain.units)):
                # "À la première phrase de l'article L. 1 et à la fin du cinquième alinéa
                # de l'article L. 2, …": an edge naming a unit of its own beside other
                # units; which edge applies to which unit is not read — never guessed
                raise ContextError("LD203", "« au début » ou « à la fin » d'une autre unité "
                                            "parmi plusieurs unités visées : tournure non "
                                            "reconnue")
            units = [loc for base in units for loc in resolve_chain(
                edge.chain, context.child(base.code, context.text_name, base.steps))]
        for loc in units:
            remember(context, loc)
        if at:
            context.recent = tuple(units)
        if counts is not None and (edge is not None or everywhere_leads):
            raise ContextError("LD203", "nombre d'occurrences d'une unité parmi plusieurs, "
                                        "avec « au début », « à la fin » ou « dans "
                                        "l'ensemble » : tournure non reconnue")
        return _Targets(units, edge, anchor, bool(everywhere_leads), bool(at), counts=counts)

    def subjects(self, clause: Clause) -> list[Locator]:
        """The units the subject of a clause names, all of them resolved in the context as
        it stands before the clause."""
        bases = self.lead_units
        if bases is None:
            if not clause.subjects:
                return resolve_chain(None, self.context)
            chains = share_tail(list(clause.subjects))
            siblings = self.siblings(chains)
            resolved = [loc for locs in resolve_listed(chains, siblings or self.context)
                        for loc in locs]
            self.previous = resolved
            return resolved
        if not clause.subjects:
            return list(bases)
        out: list[Locator] = []
        for chain in share_tail(list(clause.subjects)):
            outermost = chain.units[-1] if chain.units else None
            if chain.text is not None or (outermost is not None and (
                    outermost.same or outermost.this)):
                # "Aux alinéas 32 et 33, remplacer ces alinéas …", "À l'alinéa 4,
                # compléter cet alinéa …", "le 2° du même article": what was named
                # before, as it was named; a unit of a text named: that text
                if _recalls(chain):  # « … et le 2° du même I »: the units named before it
                    for loc in out:
                        remember(self.context, loc)
                out.extend(resolve_chain(chain, self.context))
                continue
            out.extend(loc for base in bases for loc in resolve_chain(chain, self.context.child(
                base.code, self.context.text_name, base.steps)))
        self.previous = out
        return out

    def siblings(self, chains: list[Chain]) -> Context | None:
        """The context of a later clause whose subject is a bare unit of an article with no
        article above it (« Le 3° de l'article R. 5121-112 du code de la santé publique
        est abrogé et les 4° et 5° deviennent respectivement les 3° et 4° », a 2013 décret):
        the units of that kind the clause before named are its siblings — the same
        article. None in any other case (a unit of another kind, several containers, a
        text or an article above it): the subject is resolved as it stands."""
        if not self.previous or self.context.steps or any(
                chain.text is not None or len(chain.units) != 1 or chain.units[0].same
                or chain.units[0].this or chain.units[0].kind not in IN_ARTICLE
                for chain in chains):
            return None
        kinds = {chain.units[0].kind for chain in chains}
        containers = {(loc.code, loc.steps[:-1]) for loc in self.previous}
        if len(kinds) != 1 or len(containers) != 1:
            return None
        ((code, steps),) = containers
        if not steps or not any(s.kind is StepKind.ARTICLE for s in steps) or any(
                not loc.steps or loc.steps[-1].kind not in kinds for loc in self.previous):
            return None
        if kinds == {StepKind.ITEM} and len({_item_level(v) for v in (
                *(loc.steps[-1].value for loc in self.previous),
                *(v for chain in chains for v in chain.units[0].values))}) != 1:
            # « Le a du 3° … est supprimé et le 4° devient le 3° »: the 4° is no a's sibling
            return None
        return self.context.child(code, self.context.text_name, steps)

    def quoted(self, indexes: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(self.prepared.quotes[i] for i in indexes)

    def words(self, spec: WordsSpec, alternatives: bool = False) -> Words:
        """``alternatives``: « X » ou « Y » may be read here (words replaced); elsewhere
        they are refused, never taken for a list."""
        if spec.alternatives and not alternatives:
            raise ContextError("LD203", "mots donnés au choix (« … » ou « … ») : pris en "
                                        "charge seulement pour des mots remplacés")
        if spec.articles:
            return Words(tuple(spec.articles), spec.kind, spec.occurrence, spec.everywhere,
                         quoted=False)
        return Words(self.quoted(spec.quotes), spec.kind, spec.occurrence, spec.everywhere,
                     count=spec.count, alternatives=spec.alternatives)

    def new_text(self, spec: ContentSpec | None, clause: Clause) -> NewText:
        inline = self.quoted(clause.quotes)
        if spec is not None and spec.words is not None:
            return NewText(UnitKind.WORDS, self.words(spec.words).texts)
        alineas = inline if inline else (self.block or ())
        if spec is not None and spec.heading is not None:
            # "un chapitre Ier intitulé : « Observatoire »": its heading line, then what a
            # quoted block after the sentence holds
            if len(spec.labels) != 1 or spec.division is None:
                raise ContextError("LD203", "division intitulée sans numéro : tournure non "
                                            "reconnue")
            heading = f"{spec.division.capitalize()} {spec.labels[0]}"
            if spec.articles:
                # "… comprenant un article L. 221-11 ainsi rédigé": the block below must
                # be those articles, each with its header
                headers = [article_key(number) for alinea in (self.block or ())
                           if (number := strip_header(alinea)[0]) is not None]
                if headers != [article_key(a) for a in spec.articles]:
                    raise ContextError("LD311", f"articles annoncés : {', '.join(spec.articles)}"
                                                " ; le texte cité en donne d'autres, ou aucun")
            inline = ()
            alineas = (heading, self.prepared.quotes[spec.heading], *(self.block or ()))
        unit = spec.unit if spec is not None else UnitKind.TEXT
        labels = spec.labels if spec is not None else ()
        if spec is not None and spec.until is not None and spec.labels:
            expanded = _expand_labels(spec.labels[0], spec.until)
            labels = tuple(expanded) if expanded else (*spec.labels, spec.until)
        if not alineas:
            # never an operation without its text: a rewrite would delete the unit
            raise ContextError("LD207", "le texte à écrire manque : « ainsi rédigé » sans "
                                        "citation")
        count = spec.count if spec is not None else None
        if count is not None and count > 1 and unit is UnitKind.ALINEA and alineas and \
                len(alineas) != count:
            self.diagnostics.append(_diag("LD208", f"{count} alinéas annoncés, "
                                          f"{len(alineas)} cités", self.source, self.path,
                                          Severity.WARNING))
        return NewText(unit, tuple(alineas), count, tuple(labels),
                       spec.division if spec is not None else None,
                       self.block_markers if not inline else (), inline=bool(inline),
                       ordinal=spec.ordinal if spec is not None else None)

    # one method per family of clauses ---------------------------------------------

    def words_clause(self, clause: Clause, targets: _Targets) -> None:
        """Words replaced or deleted: "les mots : « X » sont remplacés par …"."""
        spec = clause.words
        assert spec is not None
        if spec.count is not None:
            # "les deux occurrences du mot : « X »": as "deux fois"
            if clause.times is not None and clause.times != spec.count:
                raise ContextError("LD203", "deux nombres d'occurrences différents")
            times = spec.count
            spec = replace(spec, count=None)
            clause = replace(clause, times=times, words=spec)
        replacing = clause.kind is ClauseKind.WORDS_REPLACE
        old = self.words(spec, alternatives=replacing)
        if targets.everywhere:
            old = replace(old, everywhere=True, all_texts=targets.all_texts)
        if replacing:
            assert clause.new_words is not None
            new = self.words(clause.new_words, alternatives=old.alternatives)
            if old.alternatives and (clause.more_words or clause.times is not None or (
                    len(new.texts) not in (1, len(old.texts)))):
                # "les mots : « X » ou « Y » sont remplacés par les mots : « A » ou « B »":
                # one pair each, in order (or one new text for all); anything more is not
                # read
                raise ContextError("LD311", f"{len(old.texts)} mots donnés au choix remplacés "
                                            f"par {len(new.texts)} : tournure non reconnue")
            olds = [old, *(self.words(w) for w in clause.more_words)]
            if targets.everywhere:
                olds = [replace(w, everywhere=True, all_texts=targets.all_texts) for w in olds]
            if clause.times is not None:
                if len(olds) > 1 or len(olds[0].texts) > 1 or targets.everywhere:
                    # (« les mots : « a » et « b » dans leurs deux occurrences »: once each,
                    # or twice each)
                    raise ContextError("LD203", f"« {clause.times} fois » pour plusieurs mots "
                                                "ou pour tout le texte : tournure non reconnue")
                olds = [replace(olds[0], count=per_unit(clause.times, targets.units))]
            if len(olds) > 1 and clause.respectively:
                # "les mots : « X » et les mots : « Y » sont respectivement remplacés par
                # les mots : « Z » et « T »": each by its own
                if len(new.texts) != len(olds) or any(len(w.texts) != 1 for w in olds):
                    raise ContextError("LD311", f"{len(olds)} expressions remplacées "
                                                f"respectivement par {len(new.texts)}")
                pairs: list[tuple[Words, tuple[str, ...]]] = [
                    (w, (t,)) for w, t in zip(olds, new.texts, strict=True)]
            else:
                pairs = [(w, new.texts) for w in olds]
            for index, loc in enumerate(targets.units):
                for words, texts in pairs:
                    if targets.counts is not None:
                        words = self.lead_count(words, clause, len(olds),
                                                targets.counts[index])
                    self.ops.append(ReplaceWords(loc, self.source, words, texts,
                                                 clause.respectively and len(olds) == 1))
        else:
            if clause.times is not None:
                if targets.everywhere or len(old.texts) > 1 or clause.more_words:
                    raise ContextError("LD203", f"« {clause.times} fois » pour tout le texte "
                                                "ou pour plusieurs mots : tournure non reconnue")
                old = replace(old, count=per_unit(clause.times, targets.units))
            # "les mots : « X » et les mots : « Y » sont supprimés": each deleted
            deleted = [old, *(self.words(w) for w in clause.more_words)]
            if targets.everywhere:
                deleted = [replace(w, everywhere=True, all_texts=targets.all_texts)
                           for w in deleted]
            for index, loc in enumerate(targets.units):
                for each in deleted:
                    words = each if targets.counts is None else self.lead_count(
                        each, clause, len(deleted), targets.counts[index])
                    self.ops.append(DeleteWords(loc, self.source, words))

    @staticmethod
    def lead_count(words: Words, clause: Clause, several: int, count: int | None) -> Words:
        """The words as one unit of several has them: "Au 1° et, deux fois, au 2°" — twice
        in the 2°, once in the 1° (an occurrence or a count of the clause besides is not
        read)."""
        if several > 1 or len(words.texts) > 1 or clause.times is not None or \
                words.occurrence is not None or words.count is not None or words.everywhere:
            # (« les mots : « a » et « b » »: twice each, or once each, is not said)
            raise ContextError("LD203", "nombre d'occurrences d'une unité, avec un autre "
                                        "nombre ou d'autres mots : tournure non reconnue")
        return replace(words, count=count)

    def edge_scope(self, clause: Clause, targets: _Targets) -> list[Locator]:
        """The units whose beginning or end a clause rewrites: the targets, or the units
        its own chain names inside them (« la fin du premier alinéa »)."""
        if clause.end_chain is None:
            return list(targets.units)
        chains = share_tail([clause.end_chain, *clause.more_end_chains])
        return [loc for base in targets.units for chain in chains
                for loc in resolve_chain(chain, self.context.child(
                    base.code, self.context.text_name, base.steps))]

    def end_clause(self, clause: Clause, targets: _Targets) -> None:
        """The end of a phrase after an anchor, rewritten or deleted."""
        anchor = targets.anchor
        if anchor is None or anchor.words is None or anchor.position is Position.BETWEEN:
            raise ContextError("LD203", "« la fin … » sans mots après lesquels elle "
                                        "commence (« après le mot : … »)")
        scope = self.edge_scope(clause, targets)
        for loc in scope:
            if clause.kind is ClauseKind.END_REWRITE:
                texts = self.quoted(clause.quotes) or (self.block or ())
                if not texts:
                    raise ContextError("LD207", "la nouvelle fin manque")
                self.ops.append(RewriteEnd(loc, self.source, self.words(anchor.words),
                                           texts[0], clause.phrase_end))
            else:
                self.ops.append(DeleteEnd(loc, self.source, self.words(anchor.words),
                                          clause.phrase_end))

    def start_clause(self, clause: Clause, targets: _Targets) -> None:
        """"Le début du premier alinéa est ainsi rédigé : « Y… (le reste sans
        changement) »": the new beginning, without its ellipsis and marker."""
        if targets.anchor is not None or targets.edge is not None:
            raise ContextError("LD203", "« le début … » après une autre position : tournure "
                                        "non reconnue")
        scope = self.edge_scope(clause, targets)
        texts = self.quoted(clause.quotes) or (self.block or ())
        if not texts:
            raise ContextError("LD207", "le nouveau début manque")
        if len(texts) > 1:
            raise ContextError("LD203", "nouveau début de plusieurs alinéas : tournure non "
                                        "reconnue")
        new = new_beginning(texts[0])
        if new is None:
            raise ContextError("LD203", "« le début … est ainsi rédigé » sans « (le reste sans "
                                        "changement) » ni points de suspension : l'endroit où "
                                        "l'ancien texte reprend n'est pas dit")
        for loc in scope:
            remember(self.context, loc)
            self.ops.append(RewriteStart(loc, self.source, new))

    def numbering_clause(self, clause: Clause, targets: _Targets) -> None:
        """"Dans la numérotation des articles R.* 112-6 à R.* 112-50, R.* 112-56, …, la
        lettre « R.* » est remplacée par la lettre « R. »": one operation for the list, in
        the chapeau's unit; every number listed must be written with the old prefix."""
        assert clause.words is not None
        assert clause.new_words is not None
        old, new = self.words(clause.words).texts, self.words(clause.new_words).texts
        if len(old) != 1 or len(new) != 1 or len(targets.units) != 1:
            raise ContextError("LD203", "numérotation : une lettre remplacée par une autre est "
                                        "attendue")
        prefix = _prefix_of(old[0])
        if prefix is None or _prefix_of(new[0]) is None:
            raise ContextError("LD311", f"numérotation : « {old[0]} » ou « {new[0]} » n'est pas "
                                        "un préfixe de numéro d'article")
        numbers: list[tuple[str, str | None]] = []
        for first, last in clause.numbers:
            for number in (first, last):
                if number is not None and _prefix_of(number) != prefix:
                    raise ContextError("LD311", f"numérotation : l'article {number} ne commence "
                                                f"pas par « {old[0]} »")
            numbers.append((article_key(first), article_key(last) if last else None))
        (unit,) = targets.units
        self.ops.append(RenumberPrefix(unit, self.source, tuple(numbers), old[0], new[0]))

    def chapeau_clause(self, clause: Clause) -> None:
        """"L'article L. 1 est ainsi modifié :": the context of the items below."""
        subjects = self.subjects(clause)
        if not subjects:
            raise ContextError("LD203", "un chapeau doit désigner une unité")
        for subject in subjects:
            remember(self.context, subject)
        self.set_chapeaux(subjects, _name_of(clause.subjects[0] if clause.subjects else None,
                                             self.context))

    def set_chapeaux(self, units: list[Locator], name: str | None) -> None:
        """The units a chapeau names are the context of the items below it (each of them,
        when several), with the dates the chapeau gives."""
        contexts = []
        for unit in units:
            child = self.context.child(unit.code, name, unit.steps)
            child.dates = tuple(dict.fromkeys((*child.dates, *self.source.dates)))
            contexts.append(child)
        self.chapeau = contexts[0]
        self.more_chapeaux = contexts[1:]

    def lead_chapeau(self, targets: _Targets) -> None:
        """"À la première phrase :": the units the leads name are the context of the items
        below (each of them, when several)."""
        if targets.edge is not None or targets.anchor is not None or targets.everywhere \
                or not self.prepared.ends_with_colon:
            # "Après l'alinéa 15" alone: an instruction that stops before its verb
            raise SentenceError("LD203", "phrase incomplète : l'instruction s'arrête avant "
                                         "son verbe", len(self.prepared.text), incomplete=True)
        self.set_chapeaux(targets.units, self.context.text_name)

    def unit_clause(self, clause: Clause) -> None:
        """Units rewritten, replaced, completed, deleted, repealed or restored."""
        subjects = self.subjects(clause)
        if clause.content is not None and clause.content.title and (
                clause.kind is not ClauseKind.UNIT_REPLACE or any(
                    not loc.steps or loc.steps[-1].kind is not StepKind.INTITULE
                    for loc in subjects)):
            # "L'intitulé du titre III est remplacé par l'intitulé suivant : « … »"
            raise ContextError("LD203", "« l'intitulé suivant » pour une unité qui n'est pas "
                                        "un intitulé : tournure non reconnue")
        rewrites = clause.kind in (ClauseKind.UNIT_REWRITE, ClauseKind.UNIT_REPLACE)
        shares = _share_block(subjects, self.block) if rewrites or \
            clause.kind is ClauseKind.UNIT_RESTORE else None
        if shares is None and len(subjects) > 1 and rewrites and not (
                len(clause.subjects) <= 1 and _same_unit_of_each(subjects)) and not any(
                s.kind in (StepKind.LIGNE, StepKind.COLONNE) for loc in subjects
                for s in loc.steps):
            # (rows are refused when applied, never a span; a table is an alinéa)
            # "Les premier et deuxième alinéas sont remplacés par un alinéa": one text
            # for consecutive units, written as a span
            subjects = [_span(subjects)]
        for index, loc in enumerate(subjects):
            remember(self.context, loc)
            if shares is not None:
                self.block = shares[index]
            if clause.kind is ClauseKind.UNIT_DELETE:
                self.ops.append(DeleteUnit(loc, self.source))
            elif clause.kind is ClauseKind.UNIT_REPEAL:
                self.ops.append(Repeal(loc, self.source))
            elif clause.kind is ClauseKind.UNIT_COMPLETE and loc.steps and \
                    loc.steps[-1].kind is StepKind.TABLEAU:
                # "Le tableau annexé à … est complété comme suit : « … »": rows after its
                # last, never alinéas after the table
                self.ops.append(InsertUnits(loc.child(StepKind.LIGNE, -1), self.source,
                                            Position.AFTER,
                                            self.new_text(clause.content, clause)))
            elif clause.kind is ClauseKind.UNIT_COMPLETE:
                self.ops.append(Complete(loc, self.source, self.new_text(clause.content,
                                                                         clause)))
            elif clause.kind is ClauseKind.UNIT_RESTORE:
                self.ops.append(Restore(loc, self.source, self.new_text(clause.content,
                                                                        clause)))
            else:
                self.ops.append(Rewrite(loc, self.source, self.new_text(clause.content,
                                                                        clause)))

    def precede_clause(self, clause: Clause) -> None:
        """"… est précédé de la mention : « I. – »", "… précédé d'un I A ainsi rédigé";
        "Le premier et le dernier alinéas sont respectivement précédés des mentions : « I. - »
        et « III. - »" (or "d'un I et d'un III": each label as it opens an alinéa, « I. – »):
        the units named, in order, each with its own, as many of both."""
        if clause.respectively:
            self.respective_mentions(clause)
            return
        for loc in self.subjects(clause):
            remember(self.context, loc)
            spec = clause.content
            if spec is not None and spec.unit is UnitKind.WORDS:
                assert spec.words is not None
                # before the unit, its labels too (« Le 1° est précédé de la mention :
                # « A. – » »: « A. – 1° … », never « 1° A. – … »)
                self.ops.append(InsertWords(loc, self.source, self.words(spec.words).texts,
                                            Position.BEFORE))
            else:
                self.ops.append(InsertUnits(loc, self.source, Position.BEFORE,
                                            self.new_text(spec, clause)))

    def respective_mentions(self, clause: Clause) -> None:
        spec = clause.content
        assert spec is not None
        subjects = self.subjects(clause)
        for loc in subjects:
            remember(self.context, loc)
        if spec.words is not None:
            texts = self.words(spec.words).texts
            labels = False
        else:
            texts = tuple(_label_mention(label) for label in spec.labels)
            labels = True
        if len(texts) != len(subjects) or len(subjects) < 2:
            units = counted(len(subjects), "unité précédée", "unités précédées")
            raise ContextError("LD311", f"{units} respectivement de "
                                        f"{counted(len(texts), 'mention', 'mentions')}")
        for loc, text in zip(subjects, texts, strict=True):
            self.ops.append(InsertWords(loc, self.source, (text,), Position.BEFORE,
                                        label=labels))

    def label_clause(self, clause: Clause) -> None:
        """« Les premier et deuxième alinéas constituent un I », « Le vingtième alinéa est
        numéroté : « 18° » »: the label written before the first alinéa of the group
        (« I. – », « 18° », « a) »), which must be alinéas that follow each other in one
        unit; the label must be new there (checked when applied, see
        :class:`legidiff.bill.operations.InsertWords` ``label``)."""
        assert clause.label is not None
        label = clause.label
        if label.startswith("⟨"):
            label = " ".join(self.prepared.quotes[int(label.strip("⟨⟩"))].split())
        subjects = self.subjects(clause)
        for loc in subjects:
            remember(self.context, loc)
        if any(not loc.steps or loc.steps[-1].kind is not StepKind.ALINEA
               or not loc.steps[-1].value.isdigit() for loc in subjects) or len(
                {(loc.code, loc.steps[:-1]) for loc in subjects}) != 1:
            raise ContextError("LD203", "numéro donné à autre chose que des alinéas d'une même "
                                        "unité : tournure non reconnue")
        ranks = [int(loc.steps[-1].value) for loc in subjects]
        if ranks != list(range(ranks[0], ranks[0] + len(ranks))):
            raise ContextError("LD203", "alinéas numérotés ensemble qui ne se suivent pas : "
                                        "tournure non reconnue")
        first, last = subjects[0], subjects[-1]
        # the group as one range of alinéas: every one of them must be there
        target = first if len(subjects) == 1 else Locator(
            (*first.steps[:-1], Step(StepKind.ALINEA, first.steps[-1].value,
                                     until=last.steps[-1].value)), first.code)
        self.ops.append(InsertWords(target, self.source, (_label_mention(label),),
                                    Position.BEFORE, label=True))

    def group_clause(self, clause: Clause) -> None:
        """« Les articles D. 171-2 à D. 171-11 sont regroupés au sein d'une sous-section 1
        intitulée : « … » », « … constituent une section 1 intitulée : » (the heading quoted
        below): one article or one range of articles, gathered in the new division where
        they stand (:class:`GroupArticles`; side by side in one division, checked when
        applied). A list is not read: which of its articles stand together is not said."""
        content = clause.content
        assert content is not None
        subjects = self.subjects(clause)
        for loc in subjects:
            remember(self.context, loc)
        if len(subjects) > 1:
            raise ContextError("LD203", "liste d'articles regroupés dans une division : non lue "
                                        "(un article, ou une plage d'articles qui se suivent)")
        if not subjects or not subjects[0].steps or \
                subjects[0].steps[-1].kind is not StepKind.ARTICLE:
            raise ContextError("LD203", "regroupement d'autre chose qu'un article ou une plage "
                                        "d'articles : tournure non reconnue")
        self.ops.append(GroupArticles(subjects[0], self.source, self.new_text(content, clause)))

    def relative_renumber(self, chain: Chain, renamed: Chain) -> None:
        """"A l'article R. 224-1 qui devient l'article R. 534-5, la référence … est remplacée":
        the unit of the chain of the new name's kind takes that name, after the clause's
        changes, as "L'article R. 224-1 devient l'article R. 534-5" would (every check of a
        renumbering: free, in order). The rank of an alinéa or a phrase is no name (« Le
        neuvième alinéa, qui devient le dixième »: what the insertions before it did, or
        what this one does, is not sure): refused."""
        kind = renamed.units[0].kind if renamed.units else None
        k = next((i for i, u in enumerate(chain.units) if u.kind is kind), None)
        if kind is None or k is None or kind in (StepKind.ALINEA, StepKind.PHRASE,
                                                 StepKind.TIRET):
            raise ContextError("LD203", "« qui devient » : un nouveau nom qui n'est pas le "
                                        "numéro d'une unité nommée avant : tournure non reconnue")
        self.renumber_clause(Clause(ClauseKind.UNIT_RENUMBER, Verb.BECOMES,
                                    subjects=(Chain(chain.units[k:], chain.text),),
                                    renamed=renamed))

    def renumber_clause(self, clause: Clause) -> None:
        """"Le IV devient le V", "les 3° et 4° deviennent respectivement les 4° et 5°"."""
        subjects = self.subjects(clause)
        assert clause.renamed is not None
        for loc in subjects:
            # "Le chapitre unique du titre IV … devient le chapitre Ier du même titre": the
            # new name may refer to the units the subject names
            remember(self.context, loc)
        renamed = resolve_chain(clause.renamed, self.context)
        if self.moves(clause, subjects, renamed) or self.split(subjects, renamed):
            return
        if any(not loc.steps or not new.steps or loc.steps[-1].kind is not new.steps[-1].kind
               for loc in subjects for new in renamed):
            # "Les troisième et quatrième phrases … deviennent un septième alinéa": not a
            # new number of the same unit
            raise ContextError("LD203", "unité qui devient une unité d'une autre nature : "
                                        "tournure non reconnue")
        if len(clause.renamed.units) > 1 and not any(u.same or u.this
                                                     for u in clause.renamed.units[1:]) and any(
                new.steps[:-1] != loc.steps[:-1] for loc in subjects for new in renamed):
            # "Les articles L. 1 et L. 2 deviennent les articles L. 3 et L. 4 du chapitre II",
            # "Le 3° du I devient le 4° du II": a new number in another place — only
            # divisions are moved (above); a renumbering would leave the unit where it was
            raise ContextError("LD203", "unité renumérotée dans une autre unité : déplacement "
                                        "non pris en charge pour cette unité")
        new_labels = [_label_of(loc.steps[-1]) for loc in renamed]
        if len(subjects) != len(new_labels):
            renumbered = counted(len(subjects), "unité renumérotée", "unités renumérotées")
            raise ContextError("LD203", f"{renumbered} en {counted(len(new_labels), 'numéro')}")
        for loc, label in zip(subjects, new_labels, strict=True):
            self.ops.append(Renumber(loc, self.source, label))

    def split(self, subjects: list[Locator], renamed: list[Locator]) -> bool:
        """Phrases that become a new alinéa: "Les troisième et quatrième phrases du sixième
        alinéa deviennent un septième alinéa", "Les deux dernières phrases du sixième
        alinéa deviennent un huitième alinéa" (Grenelle II, code de l'urbanisme L. 123-1).
        The phrases must follow each other in one alinéa of the article; the new alinéa's
        rank is checked by the engine. False when this is not that form."""
        if not subjects or not all(loc.steps and loc.steps[-1].kind is StepKind.PHRASE
                                   for loc in subjects):
            return False
        if len(renamed) != 1 or not renamed[0].steps or \
                renamed[0].steps[-1].kind is not StepKind.ALINEA:
            return False
        rank = renamed[0].steps[-1].value
        if not rank.isdigit() or int(rank) < 1:
            raise ContextError("LD203", "phrases qui deviennent un alinéa : rang illisible")
        target = subjects[0] if len(subjects) == 1 else _span(subjects)
        self.ops.append(SplitAlinea(target, self.source, int(rank)))
        return True

    def moves(self, clause: Clause, subjects: list[Locator], renamed: list[Locator]) -> bool:
        """Divisions that become divisions of another kind inside another division, or go
        into a division named elsewhere: "Les sections 2, 3 et 4 deviennent respectivement
        les sous-sections 1, 2 et 3 de la section 1" (2010 agriculture bill, chapter Ier of
        title III of book VI of the code rural): one move each, in order. The new name must
        write its container ("de la section 1"): without it, where the unit goes is not
        said, and a new number in the same place is a renumbering. False when this is no
        move (a renumbering)."""
        assert clause.renamed is not None
        if len(clause.renamed.units) < 2 or clause.renamed.units[-1].same:
            return False  # "devient le chapitre Ier du même titre": the same place
        if not all(loc.steps and loc.steps[-1].kind.division is not None
                   for loc in (*subjects, *renamed)):
            return False
        destinations = {new.steps[:-1] for new in renamed}
        if all(loc.steps[:-1] in destinations and loc.steps[-1].kind is new.steps[-1].kind
               for loc in subjects for new in renamed):
            return False  # the same kind in the same division: a renumbering
        if len(destinations) != 1:
            raise ContextError("LD203", "unités déplacées dans plusieurs divisions : tournure "
                                        "non reconnue")
        (into,) = destinations
        if not into or into[-1].kind.division is None or into[-1].until is not None:
            raise ContextError("LD203", "unités déplacées : la division où elles vont n'est "
                                        "pas nommée")
        if len(subjects) != len(renamed):
            moved = counted(len(subjects), "division déplacée", "divisions déplacées")
            raise ContextError("LD311", f"{moved} en {counted(len(renamed), 'numéro')}")
        for loc, new in zip(subjects, renamed, strict=True):
            last = new.steps[-1]
            if loc.steps[-1].until is not None or last.until is not None:
                raise ContextError("LD203", "plage de divisions déplacées : nommez-les une à une")
            if into[:len(loc.steps)] == loc.steps:
                raise ContextError("LD311", f"{loc.to_french()} ne peut aller dans "
                                            "une de ses propres divisions")
            if _DIVISION_ORDER.index(last.kind) <= _DIVISION_ORDER.index(into[-1].kind):
                raise ContextError("LD311", f"un(e) {last.kind.value} ne peut aller dans "
                                            f"un(e) {into[-1].kind.value}")
            self.ops.append(Move(loc, self.source, Locator(into, new.code),
                                 last.kind.value, last.value))
        return True


# "… (le reste sans changement)", "…(le reste sans changement).", "(… le reste sans
# changement)", or the ellipsis alone: where the old text goes on
_REST_UNCHANGED_RE = re.compile(
    r"\s*(?:\.\.\.|…)?\s*\(\s*(?:\.\.\.|…)?\s*le\s+reste\s+sans\s+changement\s*\)[\s.;,»\"]*$"
    r"|\s*(?:\.\.\.|…)[\s»\"]*[.;]?\s*$", re.IGNORECASE)


def new_beginning(text: str) -> str | None:
    """The new beginning of a unit without the ellipsis and the "(le reste sans
    changement)" that close it; None when neither closes it.

    >>> new_beginning("Les contributions sont recouvrées par les… (le reste sans changement).")
    'Les contributions sont recouvrées par les'
    >>> new_beginning("Tout autre médecin a vocation (… le reste sans changement).")
    'Tout autre médecin a vocation'
    >>> new_beginning("Les contributions sont recouvrées.") is None
    True
    """
    # the marker is looked for in the last characters only, after the spaces and the
    # closing marks that end the text: a search from each place of a long run of spaces
    # was quadratic (10 s for 5 KB)
    text = text.rstrip(" \t\n\u00a0\u202f;,»\"")
    m = _REST_UNCHANGED_RE.search(text, max(0, len(text) - _REST_UNCHANGED_TAIL))
    if m is None:
        return None
    new = text[:m.start()].rstrip()
    return new or None


_REST_UNCHANGED_TAIL = 200


def per_unit(times: int, units: list[Locator]) -> int:
    """How many times the words must be in each unit when an instruction says they are
    there ``times`` times over ``units``: all of them in one unit; one in each when there
    are as many units as times ("Aux premier et deuxième alinéas, après les mots : « … »,
    sont insérés, deux fois, les mots : « … »": once in each alinéa, as the code général
    de la propriété des personnes publiques reads since). Otherwise how many in each
    unit is not said: an error, never a guess."""
    if len(units) == 1:
        return times
    if times == len(units):
        return 1
    raise ContextError("LD203", f"« {times} fois » sur {len(units)} unités : combien dans "
                                "chacune n'est pas dit")


def _last_first(ops: list[Operation], marks: list[int]) -> None:
    """The targets of one clause are all named on the text as it stands before it ("Les
    deuxième et troisième alinéas sont supprimés"); its operations apply one after the
    other, so those on units counted by position (alinéas, phrases) go from the last to
    the first: removing or inserting one then never moves the others."""
    bounds = [*marks, len(ops)]
    for start, end in itertools.pairwise(bounds):
        group = ops[start:end]
        if len(group) > 1 and all(_positional(op) for op in group):
            ops[start:end] = sorted(group, key=_position_key, reverse=True)


def _positional(op: Operation) -> bool:
    steps = op.target.steps
    return bool(steps) and steps[-1].kind in (StepKind.ALINEA, StepKind.PHRASE) and \
        steps[-1].until is None and steps[-1].value.lstrip("-").isdigit()


def _position_key(op: Operation) -> tuple[tuple[str, ...], int]:
    """The same container, then the order to apply in (the operations are sorted on this
    key, largest first): positions from the start last first (5, 3, 1), positions from
    the end ("les deux derniers": -2, -1) farthest from the end first — removing the
    last alinéa would make the one before it the last."""
    *outer, last = op.target.steps
    value = int(last.value)
    return tuple(str(s) for s in outer), value if value > 0 else -value


def _in_table(locator: Locator) -> bool:
    """Whether a locator names a table, or rows or columns of one."""
    return any(s.kind in (StepKind.TABLEAU, StepKind.LIGNE, StepKind.COLONNE)
               for s in locator.steps)


def _same_unit_of_each(subjects: list[Locator]) -> bool:
    """Whether ``subjects`` are the same unit of several units: "Le troisième alinéa des
    articles L. 131-4 et L. 141-3 est ainsi rédigé : « … »" (2010 bill, code de la voirie
    routière): that unit of each gets the text. Only for one unit named once (its
    containers a list, or the lead's units): « Le 1° du I et le 1° du II sont remplacés
    par un alinéa » may merge them."""
    return all(loc.steps for loc in subjects) and len(
        {loc.steps[-1] for loc in subjects}) == 1 and len(
        {loc.steps[:-1] for loc in subjects}) == len(subjects)


def _span(subjects: list[Locator]) -> Locator:
    """Consecutive units named by a list ("les 1° et 2°", "les premier et deuxième
    alinéas") as one locator whose last step is a range."""
    lasts = [loc.steps[-1] for loc in subjects]
    heads = {loc.steps[:-1] for loc in subjects}
    if len(heads) != 1 or len({s.kind for s in lasts}) != 1 or not _consecutive(lasts):
        raise ContextError("LD203", "un seul texte pour des unités qui ne se suivent pas : "
                                       "précisez l'instruction")
    first = subjects[0]
    return Locator((*first.steps[:-1], replace(lasts[0], until=lasts[-1].value)), first.code)


def _consecutive(steps: list[Step]) -> bool:
    def rank(value: str) -> int | None:
        if re.fullmatch(r"-?\d+", value):
            return int(value)
        m = re.fullmatch(r"(\d+)°", value)
        if m:
            return int(m.group(1))
        roman = roman_to_int(value)
        if roman is not None:
            return roman
        return ord(value) if re.fullmatch(r"[a-zA-Z]", value) else None

    ranks = [rank(s.value) for s in steps]
    if any(r is None for r in ranks):
        return False
    values = [r for r in ranks if r is not None]
    return all(b == a + 1 for a, b in itertools.pairwise(values))


def _label_of(step: Step) -> str:
    return step.value if step.until is None else f"{step.value}..{step.until}"


def _name_of(chain: Chain | None, context: Context) -> str | None:
    if chain is not None and chain.text is not None and chain.text.kind is not TextKind.SAME:
        return chain.text.name
    return context.text_name


def _insert(clause: Clause, targets: list[Locator], anchor: Lead | None, edge: Lead | None,
            context: Context, source: Source,
            new_text: Callable[[ContentSpec | None, Clause], NewText],
            words: Callable[[WordsSpec], Words],
            counts: list[int | None] | None = None) -> list[Operation]:
    lead = clause.inner_lead or anchor
    content = clause.content
    out: list[Operation] = []
    if counts is not None and (content is None or content.unit is not UnitKind.WORDS or
                               lead is None or lead.words is None or
                               clause.times is not None or lead.words.count is not None):
        # "à l'avant-dernier alinéa, trois fois, et au dernier alinéa …, après le mot :
        # « collège », sont insérés les mots : « … »": the count is of the anchor's words
        raise ContextError("LD203", "nombre d'occurrences d'une unité pour une insertion "
                                    "sans mots après ou avant lesquels insérer : tournure "
                                    "non reconnue")
    if lead is not None and lead.kind is LeadKind.AT and lead.chain is not None and \
            not lead.chain.units:
        # "Il est ajouté dans le même code un article L. 5141-3-1": the text, not a place
        targets = resolve_chain(lead.chain, context)
        lead = None
    whole_text = bool(targets) and all(not loc.steps for loc in targets)
    if content is not None and content.unit is UnitKind.WORDS:
        assert content.words is not None
        new = words(content.words).texts
        if clause.times is not None and (lead is None or lead.words is None):
            raise ContextError("LD203", f"« {clause.times} fois » sans mots après ou avant "
                                        "lesquels insérer : tournure non reconnue")
        for index, loc in enumerate(targets):
            if lead is not None and lead.words is not None:
                anchor_words = words(lead.words)
                if lead.position is Position.BETWEEN and (clause.times is not None or
                                                          counts is not None):
                    raise ContextError("LD203", "mots insérés plusieurs fois « entre » deux "
                                                "mots : tournure non reconnue")
                if clause.times is not None:
                    anchor_words = replace(anchor_words, count=per_unit(clause.times, targets))
                if counts is not None:
                    if anchor_words.occurrence is not None or anchor_words.everywhere or \
                            len(anchor_words.texts) > 1:
                        raise ContextError("LD203", "nombre d'occurrences d'une unité avec "
                                                    "une occurrence : tournure non reconnue")
                    anchor_words = replace(anchor_words, count=counts[index])
                out.append(InsertWords(loc, source, new, lead.position or Position.AFTER,
                                       anchor_words))
            elif edge is not None:
                out.append(InsertWords(loc, source, new, edge.position or Position.END))
            elif clause.verb is Verb.ADDED:
                out.append(InsertWords(loc, source, new, Position.END))
            else:
                raise ContextError("LD203", "mots insérés sans dire où (« après le mot : "
                                               "… », « au début »)")
        return out
    if content is not None and content.moved:
        return _new_division_of(clause, content, targets, lead, context, source, new_text)
    text = new_text(content, clause)
    if clause.verb is Verb.RESTORED and (lead is None or lead.chain is None):
        # "Il est rétabli un article L. 2": at its place in the numbering; with an anchor
        # ("Après l'article L. 1, il est rétabli …") it is an insertion there, below
        for loc in targets:
            out.append(Restore(_with_new_unit(loc, text), source, text))
        return out
    if lead is not None and lead.chain is not None:
        for base in targets:
            for loc in resolve_chain(lead.chain, context.child(base.code, context.text_name,
                                                                 base.steps)):
                remember(context, loc)
                out.append(InsertUnits(loc, source, lead.position or Position.AFTER, text))
        return out
    if lead is not None and lead.words is not None:
        raise ContextError("LD203", "unités insérées après des mots : tournure non reconnue")
    if edge is not None and edge.position is Position.START:
        for loc in targets:
            out.append(InsertUnits(loc, source, Position.START, text))
        return out
    if (clause.verb in (Verb.INSERTED, Verb.CREATED) or whole_text) and \
            text.kind is UnitKind.ARTICLE and text.labels:
        # "Il est inséré un article L. 114-3": at its place among the articles
        for loc in targets:
            out.append(InsertUnits(_with_new_unit(loc, text), source, Position.ORDER, text))
        return out
    if whole_text and clause.inner_lead is not None:
        raise ContextError("LD203", "unité ajoutée à un texte entier sans dire où : tournure "
                                    "non reconnue")
    for loc in targets:  # "Il est ajouté un II", "est inséré un alinéa" at the end
        out.append(Complete(loc, source, text))
    return out


def _new_division_of(clause: Clause, content: ContentSpec, targets: list[Locator],
                     lead: Lead | None, context: Context, source: Source,
                     new_text: Callable[[ContentSpec | None, Clause], NewText]
                     ) -> list[Operation]:
    """A new division that takes existing articles into it: "Il est inséré un chapitre Ier
    intitulé : « Observatoire des distorsions », comprenant l'article L. 691-1" (2010
    agriculture bill, title IX of book VI of the code rural). The division, its heading
    alone, goes where the anchor says or else just before the first of its articles; then
    each article moves into it (:class:`Move`: each must exist once, and keep the order
    of the numbers there)."""
    if len(targets) != 1 or content.division is None or len(content.labels) != 1:
        raise ContextError("LD203", "nouvelle division comprenant des articles : tournure non "
                                    "reconnue")
    (container,) = targets
    text = new_text(replace(content, moved=(), then_division=None), clause)
    block = text.alineas[2:]
    text = replace(text, alineas=text.alineas[:2], markers=())
    then: NewText | None = None
    if content.then_division is not None:
        # "… comprenant l'article L. 691-1 et un chapitre II, ainsi rédigé :": the block
        # below is that chapter, written after the new one
        kind, number = content.then_division
        head = re.match(r"(\S+)\s+(\S+(?:\s+(?:bis|ter|quater|[A-Z]))?)\s*$",
                        block[0].strip(" \"«»")) if block else None
        if head is None or head.group(1).lower() != kind or \
                division_key(head.group(2)) != division_key(number):
            raise ContextError("LD311", f"{kind} {number} annoncé ; le texte cité en donne un "
                                        "autre, ou aucun")
        then = NewText(UnitKind.DIVISION, block, 1, (number,), kind)
    elif block:
        # a quoted block after an instruction that moves articles: not announced
        raise ContextError("LD311", "nouvelle division comprenant des articles existants, "
                                    "suivie d'un texte cité : tournure non reconnue")
    if content.moved_until is not None:
        # "… comprenant les articles L. 691-1 à L. 691-3": the articles side by side, where
        # the division takes their place (its place is theirs: no anchor)
        if (lead is not None and lead.chain is not None) or then is not None:
            raise ContextError("LD203", "nouvelle division comprenant une plage d'articles, "
                                        "placée ailleurs : tournure non reconnue")
        (first,) = content.moved
        span = Step(StepKind.ARTICLE, article_key(first), until=article_key(content.moved_until))
        return [GroupArticles(Locator(_attach(container.steps, (span,)), container.code),
                              source, text)]
    articles = [Locator(_attach(container.steps, (Step(StepKind.ARTICLE, article_key(a)),)),
                        container.code) for a in content.moved]
    division = Step(StepKind(content.division), division_key(content.labels[0]))
    out: list[Operation] = []
    if lead is not None and lead.chain is not None:
        (anchor,) = resolve_chain(lead.chain, context.child(container.code, context.text_name,
                                                            container.steps))
        out.append(InsertUnits(anchor, source, lead.position or Position.AFTER, text))
        outer = _outside_article(anchor.steps)
        if anchor.steps and anchor.steps[-1].kind.division is not None:
            outer = outer[:-1]  # "Après le chapitre II": beside it
        into = Locator((*outer, division), anchor.code)
    else:
        out.append(InsertUnits(articles[0], source, Position.BEFORE, text))
        into = Locator((*_outside_article(articles[0].steps), division), container.code)
    out.extend(Move(article, source, into) for article in articles)
    if then is not None:
        out.append(InsertUnits(into, source, Position.AFTER, then))
    return out


def _prefix_of(number: str) -> str | None:
    """The prefix of an article number, or the prefix alone ("R.*" → "R*"); None when it
    is neither."""
    parsed = ArticleNumber.parse(number) or ArticleNumber.parse(f"{number} 1")
    return parsed.prefix if parsed is not None and parsed.prefix else None


def _outside_article(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """The divisions of an address, up to its article."""
    return tuple(s for s in steps if s.kind.division is not None)


def _share_block(subjects: list[Locator], block: tuple[str, ...] | None
                 ) -> list[tuple[str, ...] | None] | None:
    """"Les articles L. 1 et L. 2 sont ainsi rédigés" with one block holding both: give
    each article the alinéas from its own "Art. L. 1. –" header on."""
    if block is None or len(subjects) < 2 or not all(
            loc.steps and loc.steps[-1].kind is StepKind.ARTICLE for loc in subjects):
        return None
    starts: dict[str, int] = {}
    for index, alinea in enumerate(block):
        number, _ = strip_header(alinea)
        if number is not None:
            starts[article_key(number)] = index
    keys = [loc.steps[-1].value for loc in subjects]
    if not all(k in starts for k in keys):
        return None
    bounds = [*sorted(starts.values()), len(block)]
    out: list[tuple[str, ...] | None] = []
    for key in keys:
        first = starts[key]
        last = next(b for b in bounds if b > first)
        out.append(block[first:last])
    return out


def _with_new_unit(container: Locator, text: NewText) -> Locator:
    if text.kind is UnitKind.ARTICLE and text.labels:
        steps = tuple(s for s in container.steps if s.kind is not StepKind.ARTICLE)
        return Locator((*steps, Step(StepKind.ARTICLE, article_key(text.labels[0]))),
                       container.code)
    if text.kind is UnitKind.ITEM and text.labels:
        return Locator((*container.steps, Step(StepKind.ITEM, text.labels[0])), container.code)
    return container


def _diag(code: str, message: str, source: Source, path: str,
          severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(code, severity, f"{source.bill_ref} : {message}",
                      Location(path, source.line, source.column))
