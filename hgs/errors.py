"""Errors HGS raises, each with a message a Dutch user can read, and the translation of
pydantic's validation errors into such messages."""

from __future__ import annotations

import errno

from pydantic import ValidationError

FIELD_NAMES = {
    "code": "code", "first_name": "voornaam", "name": "naam", "sector": "sector",
    "date": "datum", "due": "uiterlijk", "evaluation_date": "evaluatiedatum", "start": "startscore",
    "target": "doelscore", "weight": "gewicht", "rating": "rapportcijfer", "role": "rol",
    "given_by": "gegeven door", "area": "gebied", "category": "categorie", "withdrawn": "ingetrokken op", "text": "tekst", "score": "score",
    "scores": "score", "party_questions": "vraag per partij", "reason": "reden van aanmelding",
    "child_words": "woorden van het kind", "research_reason": "reden voor onderzoek",
    "chair": "voorzitter", "observable": "wat zien en horen we dan", "answer": "antwoord",
    "asked_by": "gesteld door", "by": "door", "decided_by": "besloten door",
    "from_whom": "van wie", "who": "wie", "what": "wat", "organisation": "organisatie",
    "group": "groep", "status": "status", "kind": "soort", "sign": "teken",
    "for_whom": "voor wie", "scope": "geldt voor", "email": "e-mailadres",
}
DICT_FIELDS = {"scores", "party_questions"}  # their keys are ids or parties, not field names


class HGSError(Exception):
    """Base class: `str(error)` is a Dutch sentence fit for the screen."""


class NotFound(HGSError, KeyError):
    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0] if self.args else "niet gevonden"


class InvalidInput(HGSError, ValueError):
    pass


class StorageError(HGSError, OSError):
    pass


DISK_PROBLEMS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte voor HGS is op",
    errno.EROFS: "de gegevensmap is alleen-lezen",
    errno.EACCES: "HGS mag niet schrijven in de gegevensmap",
    errno.EPERM: "HGS mag niet schrijven in de gegevensmap",
    errno.EIO: "de schijf gaf een fout",
}


def disk_problem(error: OSError) -> str:
    """What went wrong with the disk, in Dutch (a full disk, a read-only folder, …)."""
    return DISK_PROBLEMS.get(error.errno) or error.strerror or str(error) or "onbekende fout"


def _one(err: dict) -> str:
    loc = [str(p) for p in err.get("loc", ()) if not isinstance(p, int) and p != "[key]"]
    if len(loc) >= 2 and loc[-2] in DICT_FIELDS:
        loc = loc[:-1]
    field = FIELD_NAMES.get(loc[-1], loc[-1]) if loc else ""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind in ("less_than_equal", "less_than"):
        msg = f"mag niet hoger zijn dan {ctx.get('le', ctx.get('lt'))}"
    elif kind in ("greater_than_equal", "greater_than"):
        msg = f"mag niet lager zijn dan {ctx.get('ge', ctx.get('gt'))}"
    elif kind == "string_too_long":
        msg = f"is te lang (hoogstens {ctx.get('max_length')} tekens)"
    elif kind in ("string_too_short", "too_short", "missing"):
        msg = "is verplicht"
    elif kind.startswith("date") or kind.startswith("datetime"):
        msg = "is geen geldige datum"
    elif kind.startswith("int") or kind.startswith("float"):
        msg = "moet een getal zijn"
    elif kind == "literal_error":
        msg = "heeft geen toegestane waarde"
    elif kind == "value_error":
        text = str(ctx.get("error") or err.get("msg", "")).removeprefix("Value error, ")
        return text[:1].upper() + text[1:]
    else:
        msg = "is niet geldig"
    text = f"{field} {msg}" if field else msg
    return text[:1].upper() + text[1:]


def explain(error: ValidationError) -> str:
    """One Dutch sentence per problem in a pydantic validation error."""
    return "; ".join(dict.fromkeys(_one(e) for e in error.errors())) + "."
