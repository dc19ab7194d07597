"""Downloads in Chromium on the demo network: the buttons make their files on click (the
verslag PDF of a follow-up with its charts, the parents' Word version, the invitation .eml),
and the files open with their readers."""

from __future__ import annotations

import email
import io
from email import policy

import docx
from conftest import wait_idle
from pypdf import PdfReader

from hgs.exports import verslag as report

DESKTOP = {"width": 1600, "height": 1000}


def download(page, key: str, tmp_path):
    with page.expect_download(timeout=60_000) as info:
        page.locator(f".st-key-{key} button").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_verslag_and_invitation_download_from_the_real_app(demo_server, browser, tmp_path):
    server, store = demo_server
    case_id = max(store.case_ids(), key=lambda c: len(store.meetings(c)))
    case, meeting = store.get_case(case_id), store.meetings(case_id)[-1]
    page = browser.new_page(viewport=DESKTOP, accept_downloads=True)
    page.goto(f"{server.url}/stap-9?case={case_id}&meeting={meeting.id}")
    wait_idle(page)

    pdf = download(page, "dl-eval-team-report-team-pdf", tmp_path)
    assert pdf.name == report.filename(case, meeting, "pdf")
    reader = PdfReader(pdf)
    assert f"Verslag MDO over {case.first_name}" in reader.pages[0].extract_text()
    assert sum(len(p.images) for p in reader.pages) >= 2  # T-score and goal lines

    word = download(page, "dl-eval-ouders-report-ouders-docx", tmp_path)
    assert word.name == report.filename(case, meeting, "docx", "ouders")
    text = " ".join(p.text for p in docx.Document(io.BytesIO(word.read_bytes())).paragraphs)
    assert "versie voor ouders" in text

    page.goto(f"{server.url}/voorbereiding?case={case_id}&meeting={meeting.id}")
    wait_idle(page)
    eml = download(page, "dl-prep-invite-invite-eml", tmp_path)
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert case.first_name in message["Subject"]
    page.close()
