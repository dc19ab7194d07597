"""Widgets for the method: groeitaal hints, the method checks at step 9, the Reflectie page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from hgs import config
from hgs.access import users
from hgs.errors import HGSError, InvalidInput
from hgs.i18n import Labels, Texts, t
from hgs.method import checks as method
from hgs.method import growth as language
from hgs.method import texts
from hgs.method.records import Goal, Meeting
from hgs.store import reflections as reflection
from hgs.store import sketch as sketches
from hgs.ui.context import Context
from hgs.ui.fields import save, show_error

HINT_ICON = ":material/lightbulb:"


def _caption(phrases: list[str], hint: language.Hint) -> None:
    """One hint in the body's own size and colour (not a small grey caption): read from the
    back of the room on the shared screen."""
    quoted = ", ".join(f"“{texts.plain(phrase, 80)}”" for phrase in dict.fromkeys(phrases))
    title = t("ui_method.doel") if hint.kind == "doel" else t("ui_method.groeitaal")
    st.markdown(t("ui_method.tip", hint_icon=HINT_ICON, title=title, quoted=quoted, why=hint.why,
                  suggestion=hint.suggestion))


# -- groeitaal hints -----------------------------------------------------------------------------
def hints_for(text_or_item: Any) -> list[language.Hint]:
    """The hints for a text or a list item: its text (a goal also its observable part, its
    scale and its wording)."""
    if text_or_item is None:
        return []
    if isinstance(text_or_item, str):
        return language.hints(text_or_item)
    if isinstance(text_or_item, Goal):
        if text_or_item.dropped:
            return []
        return [*language.hints(text_or_item.text), *language.hints(text_or_item.observable),
                *language.goal_hints(text_or_item)]
    return language.hints(getattr(text_or_item, "text", "") or getattr(text_or_item, "what", ""))


def show_hints(text_or_item: Any) -> None:
    """The hints for one text or list item, one line per rule (its phrases together), in
    readable type; nothing when there are none."""
    by_rule: dict[str, list[language.Hint]] = {}
    for hint in hints_for(text_or_item):
        by_rule.setdefault(hint.rule or hint.phrase, []).append(hint)
    for found in by_rule.values():
        _caption([hint.phrase for hint in found], found[0])


def show_strength_hints(meeting: Meeting, area: str | None = None,
                        needs: bool = False) -> None:
    """The strengths hint of one overview area, or (`needs`) the one beside the child's needs."""
    for hint in language.overview_hints(meeting):
        if (needs and hint.rule == "sterkte-behoeften") or \
                (not needs and hint.rule == "sterkte-gebied" and hint.area == area):
            st.caption(t("ui_method.strength_tip", hint_icon=HINT_ICON, why=hint.why,
                         suggestion=hint.suggestion))


# -- method checks (step 9) ----------------------------------------------------------------------
def show_checks(ctx: Context) -> None:
    """How handelingsgericht this MDO went, as tops and tips for the whole team (not a score)."""
    found = method.checks(ctx.case, ctx.meeting, method.network_settings(ctx.store))
    with st.container(key="method-checks"):
        st.subheader(t("ui_method.hoe_werkten_we_handelingsgericht"))
        st.caption(t("ui_method.een_spiegel_voor_het_hele_team"))
        tops, tips = st.columns(2, gap="large")
        with tops:
            st.markdown(t("ui_method.material_thumb_up_tops"))
            for check in (c for c in found if c.ok):
                st.markdown(f"- **{check.title}** — {check.message}")
            if all(not c.ok for c in found):
                st.caption(t("ui_method.nog_geen_de_tips_hiernaast_helpen"))
        with tips:
            st.markdown(t("ui_method.tips", hint_icon=HINT_ICON))
            for check in (c for c in found if not c.ok):
                st.markdown(f"- **{check.title}** — {check.message}")
            if all(c.ok for c in found):
                st.caption(t("ui_method.geen_tips_alles_van_de_methode_is"))


# -- Reflectie page ------------------------------------------------------------------------------
PERSON_STATE = "reflection_person"
SCHEMA_HEADINGS = Texts("ui_method.schema_heading_")  # feedback, feed forward
SCHEMA_FIELDS = ("feed_up", "feedback", "feed_forward")
SKETCH_VERSION = "reflection_sketch_version"  # a fresh uploader after each put in or removal
PLAN_LABELS = Labels("ui_method.plan", ("goal", "why", "with_whom", "when", "how", "evaluation"))
Owner = reflection.Owner


def reflections() -> reflection.ReflectionStore:
    return reflection.open_reflections(config.data_dir())


def _set_person(key: str) -> None:
    who = (st.session_state[key] or "").strip()
    try:
        reflection.name_key(who)
    except InvalidInput:
        st.session_state[PERSON_STATE] = None
        return
    st.session_state[PERSON_STATE] = who


def who_am_i() -> Owner | None:
    """The person this reflection belongs to, as typed by that person (the launch without
    sign-in): their file is a hash of the name exactly as typed."""
    key = "refl-who"
    st.text_input(t("ui_method.wie_ben_ik_je_naam_of_e_mailadres"), key=key,
                  value=st.session_state.get(PERSON_STATE) or "", on_change=_set_person,
                  args=(key,), placeholder=t("ui_method.bijv_a_gelmers_school_nl"),
                  max_chars=reflection.MAX_NAME)
    typed = st.session_state.get(PERSON_STATE)
    return reflection.owner_for_name(typed) if typed else None


def owner_of(user: users.User) -> Owner | None:
    """A signed-in user's reflection: the file of their user id; a message and None when the
    users file cannot be read."""
    try:
        return reflection.owner_for_user(user.id, user.username, users.load_users())
    except HGSError as error:
        st.error(str(error), icon=":material/error:")
        return None


def _wkey(who: Owner, *parts: Any) -> str:
    return "-".join(["refl", who.key, *map(str, parts)])


def _save_note(who: Owner, number: int, field: str, key: str) -> None:
    value = st.session_state[key]
    save(key, lambda: reflections().set_note(who, number, field, value))


def _save_plan(who: Owner, field: str, key: str) -> None:
    value = st.session_state[key]
    save(key, lambda: reflections().set_plan(who, field, value))


def _save_sharing(who: Owner, key: str) -> None:
    value = st.session_state[key]
    save(key, lambda: reflections().set_sharing(who, value))


def _new_plan(who: Owner, key: str) -> None:
    save(key, lambda: reflections().new_plan(who))


def reflection_schema(who: Owner, mine: reflection.Reflection) -> None:
    """The reflectieschema: per principle what is valuable and important in my work (feed up),
    what I already do (feedback) and what could be more handelingsgericht (feed forward), and
    whether I want to work on it."""
    for number, title in method.PRINCIPLES.items():
        note = mine.principles.get(number) or reflection.PrincipleNote()
        st.markdown(f"**{number}. {title}**")
        labels = [t("reflectie_extra.feed_up"), *SCHEMA_HEADINGS]
        for column, field, label in zip(st.columns(3), SCHEMA_FIELDS, labels):
            with column:
                key = _wkey(who, number, field)
                st.text_area(label, value=getattr(note, field), key=key, height=80,
                             on_change=_save_note, args=(who, number, field, key))
                show_error(key)
        key = _wkey(who, number, "work_on")
        st.checkbox(t("ui_method.hier_wil_ik_aan_werken"), value=note.work_on, key=key,
                    on_change=_save_note, args=(who, number, "work_on", key))
        show_error(key)


def _save_earlier_outcome(who: Owner, index: int, key: str) -> None:
    value = st.session_state[key]
    save(key, lambda: reflections().set_earlier_outcome(who, index, value))


def _plan_fields(who: Owner, plan: reflection.Plan, number: int) -> None:
    for field, label in PLAN_LABELS.items():
        key = _wkey(who, f"plan{number}", field)
        if field == "when":
            st.text_input(label, value=plan.when, key=key,
                          placeholder=t("ui_method.bijv_voor_de_kerstvakantie"),
                          on_change=_save_plan, args=(who, field, key))
        else:
            st.text_area(label, value=getattr(plan, field), key=key, height=70,
                         on_change=_save_plan, args=(who, field, key))
        show_error(key)


def _new_plan_button(who: Owner) -> None:
    key = _wkey(who, "new-plan")
    st.button(t("ui_method.nieuw_plan_beginnen"), key=key, icon=":material/add:",
              help=t("ui_method.dit_plan_en_de_terugblik_blijven"),
              on_click=_new_plan, args=(who, key))
    show_error(key)


def _looking_back(who: Owner, mine: reflection.Reflection, last: int) -> None:
    """The last plan first, as it was written, and "Hoe ging het?" (its outcome)."""
    plan = mine.plan if last == -1 else mine.earlier_plans[last]
    number = len(mine.earlier_plans) + 1 if last == -1 else last + 1
    st.subheader(t("reflectie_extra.hoe_ging_het_kop"))
    if plan.started:
        st.caption(t("reflectie_extra.plan_van", date=texts.date_nl(plan.started)))
    lines = [f"- *{label}* {texts.plain(getattr(plan, field), 400)}"
             for field, label in PLAN_LABELS.items() if getattr(plan, field)]
    st.markdown("\n".join(lines))
    key = _wkey(who, f"plan{number}", "outcome")
    if last == -1:
        on_change, args = _save_plan, (who, "outcome", key)
    else:
        on_change, args = _save_earlier_outcome, (who, last, key)
    st.text_area(t("reflectie_extra.hoe_ging_het"), value=plan.outcome, key=key, height=90,
                 placeholder=t("reflectie_extra.hoe_ging_het_placeholder"),
                 on_change=on_change, args=args)
    show_error(key)
    if plan.outcome_date:
        st.caption(t("ui_method.teruggekeken_op", date=texts.date_nl(plan.outcome_date)))


def reflection_plan(who: Owner, mine: reflection.Reflection,
                    today: dt.date | None = None) -> None:
    """The plan (doel, waarom, met wie, wanneer, hoe, evaluatie). On a later visit the last plan
    comes first with "Hoe ging het?", before a new one is made; on the day itself, what became
    of it can be written below the plan."""
    plan = mine.plan
    number = len(mine.earlier_plans) + 1  # fresh widgets for a new plan
    last = mine.last_plan(today or dt.date.today())
    if last is not None:
        _looking_back(who, mine, last)
    if last == -1:  # the plan of an earlier visit is still the current one
        _new_plan_button(who)
        with st.expander(t("reflectie_extra.plan_aanpassen"), icon=":material/edit:"):
            _plan_fields(who, plan, number)
        return
    if last is not None:
        st.subheader(t("reflectie_extra.nieuw_plan_kop"))
    if plan.started:
        st.caption(t("ui_method.plan_gemaakt_op", date=texts.date_nl(plan.started)))
    _plan_fields(who, plan, number)
    if not plan.has_content():
        return
    st.subheader(t("ui_method.terugblik"))
    key = _wkey(who, f"plan{number}", "outcome")
    st.text_area(t("ui_method.wat_is_ervan_terechtgekomen"), value=plan.outcome, key=key, height=90,
                 placeholder=t("ui_method.vul_dit_in_bij_een_volgend_bezoek"),
                 on_change=_save_plan, args=(who, "outcome", key))
    show_error(key)
    if plan.outcome_date:
        st.caption(t("ui_method.teruggekeken_op", date=texts.date_nl(plan.outcome_date)))
    _new_plan_button(who)


def network_reflections() -> None:
    """Netwerk: the Reflectie's anonymous count per principle (only of those who chose to share),
    as the Reflectie page promises; a message instead when the files cannot be read."""
    from hgs.analytics.reflections import reflection_figures  # pandas only where it is shown
    from hgs.ui.bodies import table_with_export

    st.markdown(t("netwerk.reflectie.kop"))
    st.caption(t("netwerk.reflectie.uitleg"))
    try:
        counts = reflections().principle_overview()
    except HGSError as error:
        st.error(str(error), icon=":material/error:")
        return
    table_with_export(reflection_figures(counts), t("netwerk.bestanden.reflectie"),
                      "net-reflection")


def my_reflection(who: Owner) -> reflection.Reflection | None:
    """This person's reflection, or a message and None when it cannot be read."""
    try:
        return reflections().get(who)
    except HGSError as error:
        st.error(str(error), icon=":material/error:")
        return None


def earlier_plans(mine: reflection.Reflection, today: dt.date | None = None) -> None:
    """The earlier plans, but the one shown first to look back on."""
    shown = mine.last_plan(today or dt.date.today())
    plans = [plan for index, plan in enumerate(mine.earlier_plans) if index != shown]
    if not plans:
        return
    with st.expander(t("ui_method.eerdere_plannen", count=len(plans)),
                     icon=":material/history:"):
        for plan in reversed(plans):
            started = f" ({texts.date_nl(plan.started)})" if plan.started else ""
            goal = texts.plain(plan.goal or t("ui_method.plan_zonder_doel"), 200)
            st.markdown(f"**{goal}**{started}")
            if plan.outcome:
                st.markdown(t("ui_method.wat_is_ervan_terechtgekomen_2",
                              outcome=texts.plain(plan.outcome, 400)))


def reflection_sharing(who: Owner, mine: reflection.Reflection) -> None:
    key = _wkey(who, "share")
    st.checkbox(t("ui_method.tel_mijn_hier_wil_ik_aan_werken"), value=mine.share_anonymously,
                key=key, on_change=_save_sharing, args=(who, key),
                help=t("ui_method.alleen_de_nummers_van_de"))
    show_error(key)


# -- the sketch of the plan ("teken je plan") -------------------------------------------------------
def _sketch_version() -> int:
    return st.session_state.get(SKETCH_VERSION, 0)


def _fresh_uploader() -> None:
    st.session_state[SKETCH_VERSION] = _sketch_version() + 1


def _save_sketch(who: Owner, key: str) -> None:
    upload = st.session_state.get(key)
    if upload is None:  # the picked file was taken out of the uploader: the stored one stays
        return
    data = upload.getvalue()
    if save(key, lambda: reflections().set_sketch(who, data)):
        _fresh_uploader()


def _remove_sketch(who: Owner, key: str) -> None:
    st.session_state.pop(f"{key}-asking", None)
    if save(key, lambda: reflections().remove_sketch(who)):
        _fresh_uploader()


def _ask_remove(key: str, asking: bool) -> None:
    st.session_state[f"{key}-asking"] = asking


def reflection_sketch(who: Owner, mine: reflection.Reflection) -> None:
    """A photo of the drawn plan: put in, shown back, replaced, removed (after a question).
    Only this person's own file is read."""
    st.subheader(t("reflectie_extra.sketch_kop"))
    st.caption(t("reflectie_extra.sketch_uitleg", limit=sketches.MAX_BYTES // 1024 // 1024))
    try:
        picture = reflections().sketch(who)
    except (HGSError, OSError) as error:
        st.error(t("reflectie_extra.sketch_unreadable", error=error), icon=":material/error:")
        picture = None
    remove = _wkey(who, "sketch-remove")
    if picture is not None:
        date = texts.date_nl(mine.sketch_date) if mine.sketch_date else ""
        st.image(picture, caption=t("reflectie_extra.sketch_caption", date=date) if date
                 else None, width=480)
        if st.session_state.get(f"{remove}-asking"):
            st.warning(t("reflectie_extra.sketch_remove_question"), icon=":material/warning:")
            yes, no = st.columns(2)
            yes.button(t("reflectie_extra.sketch_remove_yes"), key=f"{remove}-yes",
                       type="primary", icon=":material/delete_forever:",
                       on_click=_remove_sketch, args=(who, remove))
            no.button(t("reflectie_extra.sketch_remove_no"), key=f"{remove}-no",
                      on_click=_ask_remove, args=(remove, False))
        else:
            st.button(t("reflectie_extra.sketch_remove"), key=remove, icon=":material/delete:",
                      on_click=_ask_remove, args=(remove, True))
        show_error(remove)
    key = _wkey(who, "sketch", _sketch_version())
    label = "sketch_replace" if picture is not None else "sketch_upload"
    st.file_uploader(t(f"reflectie_extra.{label}"), type=["png", "jpg", "jpeg"], key=key,
                     max_upload_size=25, on_change=_save_sketch, args=(who, key),
                     help=t("reflectie_extra.sketch_help",
                            limit=sketches.MAX_BYTES // 1024 // 1024))
    show_error(key)
