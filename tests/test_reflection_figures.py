"""The Reflectie's anonymous count as Netwerk shows it: numbers only, "< 5" for 1 to 4 people,
counted from real reflection files of people who chose to share."""

from hgs.analytics.reflections import reflection_figures
from hgs.store.reflections import open_reflections


def test_only_sharers_count_and_small_numbers_show_as_less_than_five(tmp_path):
    reflections = open_reflections(tmp_path)
    for n in range(6):  # six people want to work on principle 3, two of them on 5 as well
        who = f"Collega {n}"
        reflections.set_note(who, 3, "work_on", True)
        if n < 2:
            reflections.set_note(who, 5, "work_on", True)
        reflections.set_sharing(who, True)
    reflections.set_note("Stille collega", 1, "work_on", True)  # did not choose to share
    table = reflection_figures(reflections.principle_overview())
    counts = dict(zip(table.uitgangspunt.str[:1].astype(int), table.aantal, strict=True))
    assert counts == {1: 0, 2: 0, 3: 6, 4: 0, 5: "< 5", 6: 0, 7: 0}
    text = table.to_csv()
    assert "Collega" not in text and "Stille" not in text
