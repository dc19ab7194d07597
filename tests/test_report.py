"""The verslag: written from the records as DOCX, PDF and Markdown, read back with pypdf and
python-docx; Dutch characters exact, every agreement there, the parents' version without the
professionals' notes, an empty meeting still a document, the chart as image or as table."""

import datetime as dt
import io
import time

import docx
import pytest
from pypdf import PdfReader

from hgs import demo
from hgs.errors import InvalidInput
from hgs.exports import contents
from hgs.exports import verslag as report
from hgs.exports.document import Image, Table
from hgs.i18n import using
from hgs.method.records import Case, Meeting
from hgs.store import open_store
from tests.report_data import AGREEMENTS, INTERNAL, SHARED, docx_text, dutch_case, pdf_text, text_of

FORMATS = ("pdf", "docx", "md")


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    """A small demo network and one of its cases with at least two follow-up MDOs."""
    store = open_store(tmp_path_factory.mktemp("demo"))
    demo.build_network(store, cases=6, today=dt.date(2026, 11, 28))
    case_id = next(c for c in store.case_ids() if len(store.meetings(c)) >= 3)
    return store, case_id


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_recorded_text_comes_back_exactly(store, fmt):
    case, meeting = dutch_case(store)
    text = text_of(report.render(store, case.id, meeting.id, fmt), fmt)
    for expected in (*SHARED, *INTERNAL):
        assert expected in text, expected
    assert "Verslag MDO over Noëlle" in text
    assert "Niet ingevuld." not in text  # every step has content


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_parents_version_leaves_out_the_internal_notes_and_keeps_the_rest(store, fmt):
    case, meeting = dutch_case(store)
    text = text_of(report.render(store, case.id, meeting.id, fmt, audience="ouders"), fmt)
    for internal in INTERNAL:
        assert internal not in text
    assert "INTERN" not in text
    for expected in SHARED:
        assert expected in text, expected
    assert "versie voor ouders" in text


def test_the_parents_leave_out_list_names_recorded_fields():
    for key in contents.PARENTS_LEAVE_OUT:
        assert key.split(".")[0] in Meeting.model_fields


def test_every_agreement_is_in_the_table_with_who_and_when(store):
    case, meeting = dutch_case(store)
    document = docx.Document(io.BytesIO(report.render(store, case.id, meeting.id, "docx")))
    rows = {tuple(c.text for c in row.cells) for t in document.tables for row in t.rows}
    assert (AGREEMENTS[0], "coördinator", "20 maart 2026", "open") in rows
    assert (AGREEMENTS[1], "Mohamed El Amrani", "–", "open") in rows
    assert (AGREEMENTS[2], "Ingrid Bakker", "1 april 2026", "gedaan") in rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_meeting_gives_a_valid_document_that_says_what_was_not_filled(store, fmt):
    case = store.create_case(Case(code="L-2026-0007", first_name="Daan", organisation_id="x"))
    meeting = store.create_meeting(Meeting(case_id=case.id, date=dt.date(2026, 3, 3)))
    data = report.render(store, case.id, meeting.id, fmt)
    text = text_of(data, fmt)  # opens with its reader
    # participants, registration and the nine steps
    assert text.count("Niet ingevuld.") == 11
    assert "3 maart 2026" in text and "9. Evaluatie" in text


def test_pdf_embeds_the_unicode_font_and_has_a_footer_on_every_page(store):
    case, meeting = dutch_case(store)
    reader = PdfReader(io.BytesIO(report.render(store, case.id, meeting.id, "pdf")))
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].get_object().values()}
    assert any("DejaVuSans" in name for name in fonts)
    assert reader.metadata.title == "Verslag MDO over Noëlle"
    for number, page in enumerate(reader.pages, 1):
        assert f"pagina {number} van {len(reader.pages)}" in page.extract_text()


def test_file_names_are_code_and_date():
    case = Case(code="L-2026-0042", first_name="Noëlle", organisation_id="x")
    meeting = Meeting(case_id=case.id, date=dt.date(2026, 3, 3))
    assert report.filename(case, meeting, "pdf") == "MDO-L-2026-0042-2026-03-03.pdf"
    assert report.filename(case, meeting, "docx", "ouders") == \
        "MDO-L-2026-0042-2026-03-03-ouders.docx"


def test_unknown_format_or_audience_gets_a_dutch_message(store):
    case, meeting = dutch_case(store)
    with pytest.raises(InvalidInput, match="bestandsformaat"):
        report.render(store, case.id, meeting.id, "odt")
    with pytest.raises(InvalidInput, match="team of voor ouders"):
        report.render(store, case.id, meeting.id, "md", audience="buren")


def test_a_follow_up_carries_the_new_scores_and_the_progress_charts_as_images(network):
    store, case_id = network
    meeting = store.meetings(case_id)[-1]
    started = time.perf_counter()
    document = contents.build(store, case_id, meeting.id)  # the only real chart export here
    images = [b for s in document.sections for b in s.blocks if isinstance(b, Image)]
    goals = {g.id for m in store.meetings(case_id) for g in m.goals}
    assert len(images) == 1 + len(goals)  # T-score plus one line per goal
    assert all(image.png.startswith(b"\x89PNG") for image in images)

    pdf = report.write(document, "pdf")
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages) == len(images)
    word = docx.Document(io.BytesIO(report.write(document, "docx")))
    assert len(word.inline_shapes) == len(images)
    assert "Nu" in [c.text for c in word.tables[1].rows[0].cells]  # the goals table
    assert time.perf_counter() - started < 60


def test_when_the_chart_export_fails_the_scores_come_as_a_table(network, monkeypatch):
    import kaleido

    def broken(*args, **kwargs):
        raise RuntimeError("Chromium is er niet")

    monkeypatch.setattr(kaleido, "calc_fig_sync", broken)
    store, case_id = network
    meetings = store.meetings(case_id)
    pdf = report.render(store, case_id, meetings[-1].id, "pdf")
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages) == 0
    for text in (pdf_text(pdf), docx_text(report.render(store, case_id, meetings[-1].id,
                                                        "docx"))):
        assert "De grafiek kon niet worden gemaakt" in text
        assert "GAS T-score (50 = doelen bereikt)" in text
        for n, m in enumerate(meetings, 1):
            assert f"MDO {n} {m.date:%d-%m-%Y}" in text


def test_when_the_chart_export_hangs_the_table_comes_in_time(network, monkeypatch):
    import kaleido

    def hanging(*args, **kwargs):
        time.sleep(1.5)
        raise RuntimeError("too late")

    monkeypatch.setattr(kaleido, "calc_fig_sync", hanging)
    monkeypatch.setattr("hgs.exports.images.CHART_TIMEOUT", 0.2)
    store, case_id = network
    started = time.perf_counter()
    document = contents.build(store, case_id, store.meetings(case_id)[-1].id)
    assert time.perf_counter() - started < 1.4
    tables = [b for s in document.sections for b in s.blocks if isinstance(b, Table)]
    assert tables[-1].rows[-1][0] == "GAS T-score (50 = doelen bereikt)"
    time.sleep(1.5)  # let the hanging export end before the next test's


def test_markdown_gives_the_progress_as_a_table_without_exporting_images(network, monkeypatch):
    import kaleido

    monkeypatch.setattr(kaleido, "calc_fig_sync", lambda *a, **k: pytest.fail("no export"))
    store, case_id = network
    text = report.render(store, case_id, store.meetings(case_id)[-1].id, "md").decode()
    assert "De scores per doel per MDO (0 tot 10):" in text
    assert "| GAS T-score (50 = doelen bereikt) |" in text


def test_the_verslag_is_written_in_the_language_of_who_makes_it(store):
    case, meeting = dutch_case(store)
    dutch = report.render(store, case.id, meeting.id, "md")
    with using("en"):
        english = report.render(store, case.id, meeting.id, "md")
        assert report.render(store, case.id, meeting.id, "md", lang="nl") == dutch
    assert english == report.render(store, case.id, meeting.id, "md", lang="en")
    assert "Verslag MDO over Noëlle" in dutch.decode()
    assert "MDO report about Noëlle" in english.decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_verslag_can_be_written_in_english(store, fmt):
    case, meeting = dutch_case(store)
    text = text_of(report.render(store, case.id, meeting.id, fmt, lang="en"), fmt)
    assert "MDO report about Noëlle" in text and "Who was there?" in text
    assert "Verslag MDO over" not in text and "Niet ingevuld." not in text
    for expected in AGREEMENTS:  # what was typed stays as typed
        assert expected in text, expected
    if fmt == "docx":
        word = docx.Document(io.BytesIO(report.render(store, case.id, meeting.id, fmt,
                                                      lang="en")))
        assert word.core_properties.language == "en-GB"


def test_the_presentation_section_follows_the_session_language(store):
    case, meeting = dutch_case(store)
    dutch = contents.step_section(store, case.id, meeting.id, 8)
    with using("en"):
        english = contents.step_section(store, case.id, meeting.id, 8)
        with pytest.raises(InvalidInput, match="That step does not exist"):
            contents.step_section(store, case.id, meeting.id, 10)
    assert dutch.title != english.title
    assert dutch.blocks[0].header == ("Wat", "Wie", "Uiterlijk", "Status")
    assert english.blocks[0].header == ("What", "Who", "By", "Status")
    assert dutch.blocks[0].rows[0][0] == english.blocks[0].rows[0][0]  # the typed agreement


def test_the_parents_version_names_what_it_leaves_out_in_its_language(store):
    case, meeting = dutch_case(store)
    text = report.render(store, case.id, meeting.id, "md", "ouders", lang="en").decode()
    assert "It does not include: the possible explanations" in text
    assert "version for parents" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_verslag_shows_the_goal_a_need_serves_who_said_it_and_how_progress_is_followed(
        store, fmt):
    case, meeting = dutch_case(store)
    goal = next(g for g in meeting.goals if g.text)
    need = next(n for n in meeting.needs if n.text)
    said = next(i for i in meeting.overview if i.text)

    def link(m: Meeting) -> None:
        m.needs = [n.model_copy(update={"goal_id": goal.id}) if n.id == need.id else n
                   for n in m.needs]
        m.overview = [i.model_copy(update={"group": "kind", "by": ""}) if i.id == said.id else i
                      for i in m.overview]
        m.progress_followed = "De mentor belt moeder elke twee weken"

    store.update_meeting(case.id, meeting.id, link)
    for audience in contents.AUDIENCES:
        text = " ".join(text_of(report.render(store, case.id, meeting.id, fmt,
                                              audience=audience), fmt).split())
        assert f"om dít doel te halen: {goal.text}" in text
        assert f"{said.text} (Kind/jongere)" in text
        assert "De mentor belt moeder elke twee weken" in text
