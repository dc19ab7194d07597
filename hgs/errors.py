"""Errors HGS raises, each with a message the user can read, and the translation of pydantic's
validation errors into such messages; all in the session's language ([errors] and
[errors.<module>] in the catalogues; Dutch by default)."""

from __future__ import annotations

import errno

from pydantic import ValidationError

from hgs.i18n import Labels, t

FIELD_NAMES = Labels("errors.fields", (
    "code", "first_name", "name", "sector", "date", "due", "evaluation_date", "start", "target",
    "weight", "rating", "role", "given_by", "area", "category", "withdrawn", "text", "score",
    "scores", "party_questions", "reason", "circle_essence", "circle", "research_reason", "chair",
    "observable", "answer", "asked_by", "by", "decided_by", "from_whom", "who", "what",
    "organisation", "group", "status", "kind", "sign", "for_whom", "scope", "email",
    "progress_followed", "weekly_digest", "close_reason", "closed",
))  # the words for the model's fields, in the session's language (Dutch by default)
DICT_FIELDS = {"scores", "party_questions"}  # their keys are ids or parties, not field names


class HGSError(Exception):
    """Base class: `str(error)` is a sentence fit for the screen, in the session's language (the
    messages live in the catalogues, sections [errors] and [errors.<module>])."""


class NotFound(HGSError, KeyError):
    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0] if self.args else t("errors.niet_gevonden")


class InvalidInput(HGSError, ValueError):
    pass


class StorageError(HGSError, OSError):
    pass


DISK_PROBLEMS = {  # the catalogue key (section [errors.disk]) per errno
    errno.ENOSPC: "schijf_vol",
    errno.EDQUOT: "ruimte_op",
    errno.EROFS: "alleen_lezen",
    errno.EACCES: "geen_schrijfrecht",
    errno.EPERM: "geen_schrijfrecht",
    errno.EIO: "schijffout",
}


def disk_problem(error: OSError) -> str:
    """What went wrong with the disk, in the session's language (a full disk, a read-only
    folder, …)."""
    key = DISK_PROBLEMS.get(error.errno)
    return (t(f"errors.disk.{key}") if key else error.strerror or str(error)
            or t("errors.onbekende_fout"))


def _one(err: dict) -> str:
    loc = [str(p) for p in err.get("loc", ()) if not isinstance(p, int) and p != "[key]"]
    if len(loc) >= 2 and loc[-2] in DICT_FIELDS:
        loc = loc[:-1]
    field = FIELD_NAMES.get(loc[-1], loc[-1]) if loc else ""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind in ("less_than_equal", "less_than"):
        msg = t("errors.te_hoog", limit=ctx.get("le", ctx.get("lt")))
    elif kind in ("greater_than_equal", "greater_than"):
        msg = t("errors.te_laag", limit=ctx.get("ge", ctx.get("gt")))
    elif kind == "string_too_long":
        msg = t("errors.te_lang", max_length=ctx.get("max_length"))
    elif kind in ("string_too_short", "too_short", "missing"):
        msg = t("errors.verplicht")
    elif kind.startswith("date") or kind.startswith("datetime"):
        msg = t("errors.geen_datum")
    elif kind.startswith("int") or kind.startswith("float"):
        msg = t("errors.geen_getal")
    elif kind == "literal_error":
        msg = t("errors.niet_toegestaan")
    elif kind == "value_error":
        text = str(ctx.get("error") or err.get("msg", "")).removeprefix("Value error, ")
        return text[:1].upper() + text[1:]
    else:
        msg = t("errors.niet_geldig")
    text = t("errors.veld_bericht", field=field, message=msg) if field else msg
    return text[:1].upper() + text[1:]


def explain(error: ValidationError) -> str:
    """One sentence per problem in a pydantic validation error, in the session's language
    (Dutch by default). The model's own validator messages (value_error) are already in that
    language: the validators ask the catalogue ([errors.model]) while pydantic runs them."""
    return "; ".join(dict.fromkeys(_one(e) for e in error.errors())) + "."
