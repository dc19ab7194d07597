"""Download buttons on step 8, step 9, Voorbereiding and Voortgang; and the files behind the
buttons, made the way a click makes them and opened with their readers."""

import datetime as dt
import email
import io
import zipfile
from email import policy

import pytest
from icalendar import Calendar
from streamlit.testing.v1 import AppTest

from hgs import pages
from hgs.method import cycle
from hgs.store import open_store
from hgs.ui import downloads as ui_downloads
from tests.report_data import AGREEMENTS, dutch_case, pdf_text


def report_keys(row: str, audience: str) -> set[str]:
    return {f"dl-{row}-report-{audience}-{fmt}" for fmt in ("pdf", "docx", "md")}


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("HGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HGS_DEMO", "0")
    store = open_store(tmp_path)
    case, meeting = dutch_case(store)
    # the jeugdhulp participant needs the parents' consent before the steps open
    store.update_case(case.id, lambda c: cycle.add_consent(c, ["ouders"], meeting.date, ""))
    return store, store.get_case(case.id), meeting


def run(page: str, case, meeting=None) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id if meeting else None
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def buttons(at: AppTest) -> dict[str, str]:
    """Download buttons on the page: key -> label."""
    return {b.key: b.label for b in at.get("download_button")}


def test_step_9_offers_the_verslag_for_team_and_parents_and_the_evaluation(data):
    store, case, meeting = data
    at = run(pages.for_step(9).path, case, meeting)
    shown = buttons(at)
    assert report_keys("eval-team", "team") | report_keys("eval-ouders", "ouders") <= set(shown)
    assert shown["dl-eval-team-report-team-pdf"] == "Verslag (PDF)"
    assert shown["dl-eval-ouders-report-ouders-docx"] == "Verslag voor ouders (Word)"
    assert "dl-eval-next-evaluation-ics" in shown
    assert any("Verslag en uitnodiging" == h.value for h in at.subheader)
    assert any("werkaantekeningen" in c.value for c in at.caption)


def test_without_an_evaluation_date_step_8_says_what_to_do(data):
    store, case, meeting = data
    at = run(pages.for_step(8).path, case, meeting)
    assert "dl-agreements-eval-evaluation-ics" in buttons(at)
    store.set_field(case.id, meeting.id, "evaluation_date", None)
    at = run(pages.for_step(8).path, case, meeting)
    assert "dl-agreements-eval-evaluation-ics" not in buttons(at)
    assert any("Vul eerst de evaluatiedatum in" in c.value for c in at.caption)


def test_voorbereiding_offers_the_invitation_as_eml_and_ics(data):
    store, case, meeting = data
    at = run(pages.PREPARATION.path, case, meeting)
    shown = buttons(at)
    assert shown["dl-prep-invite-invite-eml"] == "Uitnodiging als e-mail (.eml)"
    assert shown["dl-prep-invite-invite-ics"] == "MDO in de agenda (.ics)"
    assert any("9.00 uur" in c.value for c in at.caption)


def test_voortgang_offers_the_verslag_of_a_chosen_meeting_and_the_case_export(data):
    store, case, meeting = data
    follow = cycle.start_meeting(store, case.id, dt.date(2026, 6, 1))
    at = run(pages.PROGRESS.path, case)
    choice = at.selectbox(key="dl-progress-meeting")
    assert choice.value == follow.id  # the latest first
    assert choice.options == ["MDO 1 · 3 maart 2026 (Eerste MDO)",
                              "MDO 2 · 1 juni 2026 (Vervolg-MDO (evaluatie))"]
    choice.set_value(meeting.id).run()
    assert not at.exception
    shown = buttons(at)
    assert report_keys("progress-team", "team") | report_keys("progress-ouders", "ouders") \
        <= set(shown)
    assert shown["dl-progress-export-export-zip"] == "Hele casus exporteren (ZIP)"


def test_the_files_behind_the_buttons_open_with_their_readers(data):
    store, case, meeting = data
    files = {f.slug: f for f in [
        *ui_downloads.report_files(store, case, meeting, "team"),
        *ui_downloads.report_files(store, case, meeting, "ouders"),
        *ui_downloads.invitation_files(store, case, meeting),
        *ui_downloads.evaluation_files(store, case, meeting),
        *ui_downloads.export_files(store, case, dt.date(2026, 3, 4)),
    ]}
    assert files["report-team-pdf"].file_name == "MDO-L-2026-0042-2026-03-03.pdf"
    assert files["report-ouders-md"].file_name == "MDO-L-2026-0042-2026-03-03-ouders.md"
    assert files["export-zip"].file_name == "Casus-L-2026-0042-2026-03-04.zip"

    text = pdf_text(files["report-team-pdf"].make())
    assert all(agreement in text for agreement in AGREEMENTS)
    assert "INTERN" not in files["report-ouders-md"].make().decode()
    message = email.message_from_bytes(files["invite-eml"].make(), policy=policy.default)
    assert len(message["To"].addresses) == 3
    for slug in ("invite-ics", "evaluation-ics"):
        assert Calendar.from_ical(files[slug].make()).walk("VEVENT")
    with zipfile.ZipFile(io.BytesIO(files["export-zip"].make())) as zf:
        assert "casus.json" in zf.namelist()


def test_a_file_made_on_click_speaks_the_language_of_whoever_saw_the_button(data):
    """A click comes after the run, outside the session: the button keeps the person's
    language. Without it an English chair would get a Dutch verslag and invitation."""
    store, case, meeting = data
    files = {f.slug: f for f in [*ui_downloads.report_files(store, case, meeting, "team"),
                                 *ui_downloads.invitation_files(store, case, meeting)]}
    english = ui_downloads.made(files["report-team-md"], None, "en")().decode()
    assert "MDO report about Noëlle" in english and "Verslag MDO" not in english
    dutch = ui_downloads.made(files["report-team-md"], None, "nl")().decode()
    assert "Verslag MDO over Noëlle" in dutch
    invitation = email.message_from_bytes(ui_downloads.made(files["invite-eml"], None, "en")(),
                                          policy=policy.default)
    assert invitation["Subject"].startswith("Invitation first MDO Noëlle")


def test_a_verslag_with_a_question_of_3900_characters_downloads(data):
    """The security test's case: a participant's question near the limit (and answered, so
    it is in a table) made the PDF raise, so the button gave nothing."""
    store, case, meeting = data
    store.add_item(case.id, meeting.id, "questions", text="Als we weten " + "waarom " * 555,
                   asked_by="Mohamed El Amrani (ouder/verzorger)", answered=True)
    files = {f.slug: f for f in [*ui_downloads.report_files(store, case, meeting, "team"),
                                 *ui_downloads.export_files(store, case, dt.date(2026, 3, 4))]}
    failed: dict[str, str] = {}
    pdf = ui_downloads.made(files["report-team-pdf"], None, "nl", failed)()
    assert "waarom waarom" in pdf_text(pdf)
    with zipfile.ZipFile(io.BytesIO(ui_downloads.made(files["export-zip"], None, "nl",
                                                      failed)())) as zf:
        assert f"verslagen/MDO-{case.code}-2026-03-03.pdf" in zf.namelist()
    assert failed == {}


@pytest.mark.parametrize("slug", ["report-team-pdf", "report-team-docx", "report-team-md",
                                  "export-zip", "invite-eml"])
def test_a_file_that_cannot_be_made_says_so_in_dutch_in_a_file_and_on_the_page(data, slug,
                                                                               monkeypatch):
    from hgs.exports import archive as export
    from hgs.exports import invitation as invite
    from hgs.exports import verslag as report

    store, case, meeting = data

    def broken(*args, **kwargs):
        raise ValueError("kapot")

    for module, name in ((report, "build"), (export, "export_case"),
                         (invite, "invitation_eml")):
        monkeypatch.setattr(module, name, broken)
    files = {f.slug: f for f in [*ui_downloads.report_files(store, case, meeting, "team"),
                                 *ui_downloads.invitation_files(store, case, meeting),
                                 *ui_downloads.export_files(store, case, dt.date(2026, 3, 4))]}
    failed: dict[str, str] = {}
    data_ = ui_downloads.made(files[slug], None, "nl", failed)()
    said = failed[slug]
    assert said.startswith(f"‘{files[slug].label}’ kon niet worden gemaakt.")
    assert "kapot" not in said  # the details go to the log, not to the screen
    if slug.endswith("pdf"):
        text = pdf_text(data_)
    elif slug.endswith("docx"):
        from tests.report_data import docx_text
        text = docx_text(data_)
    elif slug.endswith("zip"):
        text = zipfile.ZipFile(io.BytesIO(data_)).read("LEESMIJ.txt").decode()
    elif slug.endswith("eml"):
        text = email.message_from_bytes(data_, policy=policy.default).get_content()
    else:
        text = data_.decode()
    assert " ".join(said.split()) in " ".join(text.split())


def test_the_page_repeats_a_failed_download_beside_its_button(data):
    store, case, meeting = data
    at = AppTest.from_file("../../app.py", default_timeout=30)
    at.session_state["active_case"] = case.id
    at.session_state["active_meeting"] = meeting.id
    at.session_state[ui_downloads.FAILED_STATE] = {"report-team-pdf": "‘Verslag (PDF)’ kon "
                                                   "niet worden gemaakt."}
    at.run()
    at.switch_page(pages.for_step(9).path).run()
    assert any("kon niet worden gemaakt" in e.value for e in at.error)
    at.run()  # said once
    assert not any("kon niet worden gemaakt" in e.value for e in at.error)
