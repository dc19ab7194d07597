"""The UI's languages: Dutch (the default) and English. Every UI string lives in one catalogue
file per language (`hgs/locales/<lang>.toml`); dates and numbers are formatted per language by
Babel. The language is per session (set by app.py on every run from the person's choice)."""

from __future__ import annotations

import contextvars
import datetime as dt
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from numbers import Integral
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT = "nl"
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
CATALOGUE_DIR = Path(__file__).with_name("locales")

# A catalogue entry that depends on a number is a table of these forms (CLDR's plural categories),
# e.g. `mdos = { one = "{count} MDO", other = "{count} MDO's" }`; `tn` picks the form. (Babel
# names the forms a language needs; "zero" is only ever an extra, explicit form for 0.)
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")

SESSION_KEY = "ui-language"  # the sidebar switch's key in Streamlit's session state

_language: contextvars.ContextVar[str] = contextvars.ContextVar("hgs_language", default=DEFAULT)
_forced: contextvars.ContextVar[str | None] = contextvars.ContextVar("hgs_forced", default=None)


def set_language(lang: str | None) -> None:
    _language.set(lang if lang in LANGUAGES else DEFAULT)


# Where the language of the moment comes from besides set_language(): hgs.ui registers one that
# reads the person's choice from the running Streamlit session, so widget callbacks (which run
# before app.py's first line) already speak that language. i18n itself knows nothing of Streamlit.
_source: Callable[[], str | None] | None = None


def set_language_source(source: Callable[[], str | None] | None) -> None:
    """Register (or with None remove) the function asked for the language on every lookup."""
    global _source
    _source = source


def _session_language() -> str | None:
    if _source is None:
        return None
    try:
        lang = _source()
    except Exception:  # a session that cannot be read here
        return None
    return lang if lang in LANGUAGES else None


def language() -> str:
    return _forced.get() or _session_language() or _language.get()


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Everything inside speaks `lang`, whatever the session chose (a document asked for in
    one language, a download made after the run)."""
    token = _forced.set(lang if lang in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _forced.reset(token)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every string of one language, by its dotted key ("start.title")."""
    with (CATALOGUE_DIR / f"{lang}.toml").open("rb") as handle:
        data = tomllib.load(handle)
    flat: dict[str, str] = {}

    def walk(prefix: str, node: dict) -> None:
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict):
                walk(name, value)
            else:
                flat[name] = value

    walk("", data)
    return flat


@cache
def plural_keys(lang: str) -> dict[str, tuple[str, ...]]:
    """The keys whose entry has plural forms, each with the forms it has ("x.y" -> ("one",
    "other")); in `catalogue` they read as "x.y.one", "x.y.other"."""
    flat = catalogue(lang)
    keys: dict[str, list[str]] = {}
    for name in flat:
        key, _, form = name.rpartition(".")
        if form in PLURAL_FORMS and key:
            keys.setdefault(key, []).append(form)
    return {key: tuple(forms) for key, forms in keys.items() if "other" in forms}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def plural_forms(lang: str) -> frozenset[str]:
    """The forms a plural entry needs in `lang` by its plural rules (nl, en: one and other)."""
    return frozenset(_locale(lang).plural_form.tags) | {"other"}


def plural_form(count: float, lang: str | None = None) -> str:
    """The plural category of `count` in `lang` by Babel's (CLDR's) rules: "one" or "other"
    in Dutch and English (0 is "other": 0 MDO's, 0 MDOs)."""
    lang = lang if lang in LANGUAGES else language()
    return _locale(lang).plural_form(abs(count))


def tn(key: str, count: int, **values) -> str:
    """The form of the plural entry `key` that fits `count` in the session's language, with
    `{count}` (written as a number of that language: 1.250 / 1,250) and the other places filled
    in. An entry may add a `zero` form, used for 0 whatever the rules say (like ICU's "=0":
    "Geen van de 3 doelen …"). Falls back like `t`: the language's "other" form, then Dutch,
    then the key."""
    if isinstance(count, Integral):  # numpy's counts too
        count = int(count)
    for where in (language(), DEFAULT):
        forms = catalogue(where)
        text = (count == 0 and forms.get(f"{key}.zero")) \
            or forms.get(f"{key}.{plural_form(count, where)}") or forms.get(f"{key}.other")
        if text:
            number = format_number(count, 0, where) if isinstance(count, int) else count
            return text.format(count=number, **values)
    return key


def t(key: str, **values) -> str:
    """The string `key` in the session's language, with `{name}` places filled in. A key that
    is missing in that language falls back to Dutch, then to the key itself (visible, not a
    crash); a test keeps both catalogues complete."""
    text = catalogue(language()).get(key) or catalogue(DEFAULT).get(key) or key
    return text.format(**values) if values else text


class Labels(Mapping[str, str]):
    """The words for a model value (areas, signs, roles …) in the session's language; reads
    like the dict it replaces, so `texts.AREAS["kind"]` keeps working."""

    def __init__(self, section: str, keys: tuple[str, ...]) -> None:
        self.section, self.allowed = section, keys

    def __getitem__(self, value) -> str:
        if value not in self.allowed:
            raise KeyError(value)
        return t(f"{self.section}.{_slug(value)}")

    def __iter__(self) -> Iterator[str]:
        return iter(self.allowed)

    def __len__(self) -> int:
        return len(self.allowed)

    def get(self, value, default=None):
        return self[value] if value in self.allowed else default

    def words(self) -> dict:
        """Value -> word in the language of now: for a widget's `format_func`, which Streamlit
        may call again outside the run (then `get` would no longer know the person's language)."""
        return {value: self[value] for value in self.allowed}


class Texts(Sequence[str]):
    """The numbered strings `<prefix>1`, `<prefix>2` … of the catalogue, in the session's
    language (a step's prompts); reads like the tuple it replaces."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        numbers = [key[len(prefix):] for key in catalogue(DEFAULT) if key.startswith(prefix)]
        self.count = len([n for n in numbers if n.isdigit()])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if not -self.count <= index < self.count:
            raise IndexError(index)
        return t(f"{self.prefix}{index % self.count + 1}")

    def __len__(self) -> int:
        return self.count


class Lazy(Mapping):
    """A mapping whose values are built on every read (so in the session's language)."""

    def __init__(self, keys: tuple, build: Callable) -> None:
        self.keys_, self.build = keys, build

    def __getitem__(self, key):
        if key not in self.keys_:
            raise KeyError(key)
        return self.build(key)

    def __iter__(self):
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)


def _slug(value) -> str:
    """A TOML-friendly key for a model value ("een leraar die" -> "een_leraar_die")."""
    text = str(value).lower()
    return "".join(ch if ch.isalnum() else "_" for ch in text).strip("_") or "none"


def format_date(day: dt.date | None, form: str = "long", lang: str | None = None) -> str:
    """3 maart 2026 / 3 March 2026 (long), 03-03-2026 / 03/03/2026 (short), "maart 2026" /
    "March 2026" (month); `lang` overrides the session's language."""
    if day is None:
        return ""
    lang = lang if lang in LANGUAGES else language()
    pattern = {"long": "d MMMM y", "short": "dd-MM-y" if lang == "nl" else "dd/MM/y",
               "month": "LLLL y"}
    return _babel_date(day, pattern[form], locale=LOCALES[lang])


def format_number(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """7,5 / 7.5"""
    lang = lang if lang in LANGUAGES else language()
    return format_decimal(round(value, decimals), format=f"#,##0.{'#' * decimals}" if decimals
                          else "#,##0", locale=LOCALES[lang])
