"""Diagnostics: what went wrong (or was worth saying), where, and the evidence.

Diagnostics are collected and returned, not raised: the CLI or the caller decides
what fails. Input that cannot be read at all raises :class:`InputError`, which the CLI
turns into a one-line message and exit code 2.

Codes are stable; their first digit says the stage:

=========  ==============================================================
LD1xx      base texts (reading, writing, locating units)
LD2xx      bills and laws (parsing)
LD3xx      consolidation (applying)
LD4xx      amendments
LD5xx      the local server (``legidiff serve``)
=========  ==============================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from legidiff.perf import quick_init


class Severity(Enum):
    """How serious a diagnostic is. The value is the JSON's (an identifier, as every
    value the JSON documents enumerate); :attr:`label` is the French word of messages."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Severity.ERROR: "erreur", Severity.WARNING: "avertissement",
           Severity.INFO: "information"}


# Codes of the document layer. Each has one meaning forever; never reuse a number.
CODES: dict[str, str] = {
    "LD101": "fichier illisible ou introuvable",
    "LD102": "format de texte de base inconnu",
    "LD103": "fichier mal formé",
    "LD104": "élément attendu absent",
    "LD105": "sortie impossible à écrire",
    "LD106": "option invalide",
    "LD107": "texte de base et projet de loi donnés dans le mauvais ordre",
    "LD110": "numéro d'article en double",
    "LD111": "article référencé mais absent",
    "LD112": "plusieurs versions en vigueur à la date",
    "LD113": "ordre des articles déduit de leurs numéros",
    "LD114": "intitulé de division non reconnu",
    "LD115": "texte avant le premier article ou la première division",
    "LD116": "nom de code inconnu",
    "LD117": "fichier ou dossier absent du README.md, ajouté à la fin",
    "LD120": "unité introuvable",
    "LD121": "unité ambiguë",
    "LD122": "numéro hors limites",
    "LD123": "alinéa à préciser",
    "LD124": "adresse d'unité illisible",
    "LD130": "rien à rédiger : les deux versions ont le même texte",
    "LD201": "texte avant le premier article",
    "LD202": "guillemet fermant manquant à la fin d'un bloc cité",
    "LD203": "phrase non reconnue ou incomplète",
    "LD204": "ordinal inconnu",
    "LD205": "citation vide",
    "LD206": "chapeau sans éléments",
    "LD207": "texte à écrire absent",
    "LD208": "nombre d'unités annoncé différent du texte cité",
    "LD209": "référence « même » ou « présent » sans antécédent",
    "LD210": "guillemets déséquilibrés dans une phrase",
    "LD211": "texte cité sans instruction",
    "LD212": "titre d'article illisible",
    "LD215": "faute de frappe de la source corrigée",
    "LD216": "sous-amendement dont l'amendement modifié n'est pas nommé",
    "LD217": "texte modifié par les articles suivants, annoncé une fois",
    "LD230": "projet de loi vide : ni article ni instruction",
    "LD231": "copie du PDF du Journal officiel lue sans --unwrap",
    "LD301": "unité visée introuvable",
    "LD302": "mots absents de l'unité visée",
    "LD303": "mots présents plusieurs fois, occurrence non précisée",
    "LD304": "occurrence au-delà du nombre de présences",
    "LD305": "numéro déjà pris",
    "LD306": "nouvelle unité hors de l'ordre des numéros",
    "LD307": "renumérotation sur un numéro pris",
    "LD308": "instruction hors du texte de base",
    "LD309": "instruction non comprise : consolidation incomplète",
    "LD310": "ponctuation fusionnée",
    "LD311": "texte cité incohérent avec l'instruction",
    "LD312": "modification non prise en charge sur cette unité",
    "LD313": "plage contenant des unités non nommées",
    "LD314": "fin d'élément incertaine",
    "LD315": "code inconnu nommé par l'instruction",
    "LD316": "instruction sans effet : le texte est le même",
    "LD317": "ponctuation d'énumération ajustée",
    "LD318": "ancien nom d'un code lu sous son nom actuel",
    "LD319": "nombre de présences des mots différent de celui que dit l'instruction",
    "LD320": "mots donnés au choix qui se chevauchent dans le texte",
    "LD321": "modification limitée à un objet, non appliquée : à faire à la main",
    "LD401": "amendement sur un article dont le texte n'est pas donné",
    "LD402": "amendement dont l'article visé n'apparaît pas dans l'extrait",
    "LD403": "amendement devenu sans objet (article supprimé ou réécrit)",
    "LD404": "amendement identique à un autre, appliqué une fois",
    "LD405": "texte proposé pour un article introuvable, ambigu, ou modification non prise "
             "en charge à cet endroit",
    "LD406": "texte nouveau d'une ligne citée du projet sans ses guillemets : guillemets de "
             "la ligne gardés",
    "LD501": "texte envoyé au serveur trop long",
    "LD502": "analyse interrompue : délai dépassé ou serveur occupé",
    "LD503": "requête mal formée ou refusée par le serveur",
    "LD504": "erreur interne pendant l'analyse",
}


@quick_init
@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input: a file (``-``, the standard input), and a line and column
    when known (from 1)."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        out = "<entrée standard>" if self.path == "-" else self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out


@quick_init
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding: stable code, severity, French message, where, and the evidence."""

    code: str
    severity: Severity
    message: str
    location: Location | None = None
    evidence: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.severity.label} : {self.message} [{self.code}]"
        if self.evidence:
            text += "\n  " + self.evidence.replace("\n", "\n  ")
        return text

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "severity": self.severity.value,
                                  "message": self.message}
        if self.location is not None:
            out["file"] = self.location.path
            if self.location.line is not None:
                out["line"] = self.location.line
            if self.location.column is not None:
                out["column"] = self.location.column
        if self.evidence:
            out["evidence"] = self.evidence
        return out


class LegidiffError(Exception):
    """The one base of every error legidiff raises: a stable code, a French message,
    the evidence, and where, when known.

    Each stage has its subclass (:class:`InputError` for unusable input, and in the
    stages: ``SentenceError``, ``ContextError``, ``LocatorSyntaxError``,
    ``ResolveError``, ``NewTextError``, ``EngineError``). Library callers can catch
    this one class; ``str()`` is the one line the CLI prints.
    """

    def __init__(self, code: str, message: str, evidence: str | None = None,
                 location: Location | None = None):
        self.code = code
        self.message = message
        self.evidence = evidence
        self.location = location
        super().__init__(message)

    @property
    def diagnostic(self) -> Diagnostic:
        """The error as a diagnostic of severity error."""
        return Diagnostic(self.code, Severity.ERROR, self.message, self.location,
                          self.evidence)


class InputError(LegidiffError):
    """Input that cannot be used at all: unreadable, malformed, unknown format.

    ``str()`` is the one-line message the CLI prints (with the place and the code).
    """

    def __init__(self, code: str, message: str, location: Location | None = None,
                 evidence: str | None = None):
        super().__init__(code, message, evidence, location)

    def __str__(self) -> str:
        return str(self.diagnostic)


def warning(code: str, message: str, location: Location | None = None,
            evidence: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, location, evidence)


def info(code: str, message: str, location: Location | None = None,
         evidence: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.INFO, message, location, evidence)
