"""Lees-links (hgs.access.readlinks): one MDO opens until the end date, not after a revoke, and
for an outside professional only while the consent in force names their organisation; a wrong
token opens nothing; the store keeps no token; an erase and a restore leave none behind."""

import datetime as dt

import pytest

from hgs.access import joining, readlinks
from hgs.errors import InvalidInput, NotFound
from hgs.method import cycle

TODAY = dt.date(2026, 3, 10)


def make(store, case, meeting, **fields):
    values = {"audience": "ouders", "until": TODAY + dt.timedelta(days=30), "today": TODAY,
              **fields}
    return readlinks.make_link(store, case, meeting, **values)


def test_a_parents_link_opens_its_one_meeting_until_its_end_date(store, case, meeting):
    token, link = make(store, case, meeting, until=TODAY + dt.timedelta(days=3))
    reading = readlinks.resolve(store, token, TODAY + dt.timedelta(days=3))
    assert (reading.case.id, reading.meeting.id) == (case.id, meeting.id)
    with pytest.raises(NotFound, match="geldig tot en met"):
        readlinks.resolve(store, token, TODAY + dt.timedelta(days=4))


def test_the_store_keeps_the_tokens_hash_never_the_token(store, case, meeting):
    token, link = make(store, case, meeting)
    assert token not in repr(store.settings())
    assert readlinks.links_of(store, case.id, meeting.id) == [link]


def test_a_revoked_link_stops_at_once_and_says_so(store, case, meeting):
    token, link = make(store, case, meeting)
    other, _ = make(store, case, meeting)
    readlinks.revoke(store, link.id, TODAY)
    with pytest.raises(NotFound, match="ingetrokken"):
        readlinks.resolve(store, token, TODAY)
    assert readlinks.resolve(store, other, TODAY)  # the other link still opens
    revoked = {found.id: found.revoked for found in readlinks.links_of(store, case.id, meeting.id)}
    assert revoked[link.id] == TODAY and list(revoked.values()).count(None) == 1


@pytest.mark.parametrize("token", [None, "", "fout", "x" * 101])
def test_a_wrong_token_opens_nothing(store, case, meeting, token):
    make(store, case, meeting)
    with pytest.raises(NotFound, match="werkt niet"):
        readlinks.resolve(store, token, TODAY)


def test_an_outside_professional_reads_only_while_the_consent_names_them(store, case, meeting):
    store.update_case(case.id, lambda c: (cycle.set_birth_year(c, 2018),
                                          cycle.add_consent(c, ["ouders"], TODAY, "Jeugdteam")))
    case = store.get_case(case.id)
    with pytest.raises(InvalidInput, match="geen geldige toestemming"):
        make(store, case, meeting, audience="extern", name="Sam", organisation="GGD")
    with pytest.raises(InvalidInput, match="naam en de organisatie"):
        make(store, case, meeting, audience="extern", organisation="Jeugdteam")
    token, link = make(store, case, meeting, audience="extern", name="Sam",
                       organisation="Jeugdteam")
    assert readlinks.resolve(store, token, TODAY).link.name == "Sam"
    consent = case.consents[0].id
    store.update_case(case.id, lambda c: cycle.withdraw_consent(c, consent, TODAY))
    with pytest.raises(NotFound, match="toestemming"):
        readlinks.resolve(store, token, TODAY)


def test_the_parents_link_does_not_rest_on_the_consent_for_partners(store, case, meeting):
    store.update_case(case.id, lambda c: cycle.add_consent(c, ["ouders"], TODAY, ""))
    token, _ = make(store, case, meeting)
    consent = store.get_case(case.id).consents[0].id
    store.update_case(case.id, lambda c: cycle.withdraw_consent(c, consent, TODAY))
    assert readlinks.resolve(store, token, TODAY)


@pytest.mark.parametrize("until, message", [(TODAY - dt.timedelta(days=1), "verleden"),
                                            (TODAY + dt.timedelta(days=400), "hoogstens")])
def test_an_end_date_in_the_past_or_too_far_is_refused(store, case, meeting, until, message):
    with pytest.raises(InvalidInput, match=message):
        make(store, case, meeting, until=until)


def test_erasing_the_case_takes_its_links_along(store, case, meeting):
    token, _ = make(store, case, meeting)
    joining.forget_case(store, case.id)
    with pytest.raises(NotFound):
        readlinks.resolve(store, token, TODAY)


def test_stop_all_after_a_restore(store, case, meeting):
    token, _ = make(store, case, meeting)
    assert readlinks.stop_all(store) == 1
    with pytest.raises(NotFound):
        readlinks.resolve(store, token, TODAY)
    assert readlinks.links_of(store, case.id, meeting.id) == []
