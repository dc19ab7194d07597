"""The thin widget layer the pages share: the active case and meeting, autosaving widgets, step
headers and navigation. Every rule about the method lives in other `hgs` modules; this one only
lays out widgets and writes what is typed straight to the store."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from hgs import config, pages
from hgs import i18n
from hgs.method import cycle
from hgs.method import texts
from hgs.ui import signin as ui_auth
from hgs.i18n import t
from hgs.errors import HGSError, StorageError, disk_problem
from hgs.method.records import Case, Meeting
from hgs.method.steps import STEPS, progress, step
from hgs.store import Store, open_store

def _session_language() -> str | None:
    """The person's language choice in the running Streamlit session, if any."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or i18n.SESSION_KEY not in ctx.session_state:
        return None
    return ctx.session_state[i18n.SESSION_KEY]


i18n.set_language_source(_session_language)


def guard(page_file: str):
    """The first line of every page: a Dutch message and a stop, before anything is read, when
    the user's role may not open this page (the rules: `hgs.pages`)."""
    return ui_auth.guard(page_file)


@st.cache_resource(show_spinner=False)
def _store_for(data_dir: str) -> Store:
    return open_store(data_dir)


def store() -> Store:
    """The store of this server: PostgreSQL at `HGS_DATABASE_URL`, else the data folder
    `HGS_DATA_DIR` (both read on every call)."""
    return _store_for(config.store_target())


UNSAVED_STATE = "unsaved"  # widget key -> the text typed while the store could not save it
RETRY_STATE = "unsaved_saves"  # widget key -> the save that failed, to run again once back


def reachable_store() -> Store:
    """The store for the frame, checked with one round trip (PostgreSQL; a folder has nothing
    to check). While the database is away: its Dutch message, what was typed and not saved yet,
    a button to try again, then a stop, so no page hangs or fails on its reads. Once it is
    back, the saves that failed meanwhile run again (the later save wins, and is told)."""
    try:
        opened = store()
        getattr(opened, "check", lambda: None)()
    except StorageError as error:
        st.error(str(error), icon=":material/cloud_off:")
        unsaved_notice(away=True)
        st.button(t("ui.opnieuw_proberen"), key="store-retry", icon=":material/refresh:")
        st.stop()
    for key, action in list(st.session_state.get(RETRY_STATE, {}).items()):
        st.session_state[RETRY_STATE].pop(key, None)
        save(key, action)  # what failed while the database was away, saved now it is back
    unsaved_notice(away=False)
    return opened


def unsaved_notice(away: bool) -> None:
    """What was typed while it could not be saved, shown as text to copy; it goes when that
    field saves (again), or, the store back, when the person says they have it."""
    unsaved = st.session_state.get(UNSAVED_STATE) or {}
    if not unsaved:
        return
    with st.container(border=True, key="unsaved-texts"):
        st.markdown(t("ui.niet_bewaard"))
        for text in unsaved.values():
            st.code(text, language=None, wrap_lines=True)
        if not away and st.button(t("ui.niet_bewaard_gezien"), key="unsaved-seen",
                                  icon=":material/check:"):
            st.session_state[UNSAVED_STATE] = {}
            st.rerun()


# -- the language ------------------------------------------------------------------------------
_LAST_LANGUAGE = "language"  # the last choice, kept when the switch is clicked off or unseen


LANGUAGE_PARAM = "lang"  # `?lang=en` in the address: a reload or a shared link keeps English


def remembered_language() -> str:
    """The session's language (Dutch until the person chooses; a new session takes `?lang=` from
    the address), put where the switch reads it and, when not Dutch, back in the address."""
    state, params = st.session_state, st.query_params
    if state.get(i18n.SESSION_KEY) not in i18n.LANGUAGES:
        asked = params.get(LANGUAGE_PARAM)
        state[i18n.SESSION_KEY] = state.get(
            _LAST_LANGUAGE, asked if asked in i18n.LANGUAGES else i18n.DEFAULT)
    state[_LAST_LANGUAGE] = lang = state[i18n.SESSION_KEY]
    if lang != i18n.DEFAULT:
        if params.get(LANGUAGE_PARAM) != lang:
            params[LANGUAGE_PARAM] = lang
    elif LANGUAGE_PARAM in params:
        del params[LANGUAGE_PARAM]
    return lang


def _keep_a_language() -> None:
    state = st.session_state
    if state.get(i18n.SESSION_KEY) not in i18n.LANGUAGES:  # the chosen option clicked off
        state[i18n.SESSION_KEY] = state.get(_LAST_LANGUAGE, i18n.DEFAULT)
    state[_LAST_LANGUAGE] = state[i18n.SESSION_KEY]


def language_switch() -> None:
    """Nederlands | English in the sidebar, per person (per session), and the page's
    `<html lang>` to match, so a screen reader pronounces Dutch as Dutch."""
    with st.sidebar:
        st.segmented_control(t("app.language"), list(i18n.LANGUAGES), key=i18n.SESSION_KEY,
                             format_func=i18n.LANGUAGES.get, on_change=_keep_a_language,
                             label_visibility="collapsed")
        # Streamlit's page says lang="en" whatever the app speaks, and has no option for it.
        st.html(f"<script>document.documentElement.lang = {i18n.language()!r};</script>",
                unsafe_allow_javascript=True)


# -- the active case and meeting ---------------------------------------------------------------
def sync_active() -> None:
    """Keep `?case=…&meeting=…` and the session in step: the URL wins when it names a case (a
    reload or a shared link), the session puts it back after the sidebar dropped it."""
    params, state = st.query_params, st.session_state
    if "case" in params:
        state["active_case"] = params["case"]
        state["active_meeting"] = params.get("meeting")
    elif state.get("active_case"):
        params["case"] = state["active_case"]
        if state.get("active_meeting"):
            params["meeting"] = state["active_meeting"]


def participant_token() -> str | None:  # "" for a participant with an empty token
    """The join token of a participant's session (from `?t=…`). A session that came in through
    a join link stays a participant session: it never gets the chair's pages."""
    if "t" in st.query_params:  # an empty or wrong token is still a participant: no way in
        st.session_state["participant_token"] = st.query_params.get("t") or ""
    return st.session_state.get("participant_token")


def choose(case_id: str | None, meeting_id: str | None = None) -> None:
    st.session_state["active_case"] = case_id
    st.session_state["active_meeting"] = meeting_id
    st.query_params.clear()
    if st.session_state.get(_LAST_LANGUAGE, i18n.DEFAULT) != i18n.DEFAULT:
        st.query_params[LANGUAGE_PARAM] = st.session_state[_LAST_LANGUAGE]
    if case_id:
        st.query_params["case"] = case_id
        if meeting_id:
            st.query_params["meeting"] = meeting_id


def active_params() -> dict[str, str]:
    state = st.session_state
    params = {"case": state.get("active_case"), "meeting": state.get("active_meeting"),
              LANGUAGE_PARAM: state.get(_LAST_LANGUAGE) if state.get(_LAST_LANGUAGE)
              != i18n.DEFAULT else None}
    return {k: v for k, v in params.items() if v}


@dataclass(frozen=True)
class Context:
    store: Store
    case: Case
    meeting: Meeting

    @property
    def ids(self) -> tuple[str, str]:
        return self.case.id, self.meeting.id

    def key(self, *parts: Any) -> str:
        return "-".join(["m", self.meeting.id, *map(str, parts)])


def active_case() -> Case | None:
    case_id = st.session_state.get("active_case")
    if not case_id:
        return None
    try:
        case = store().get_case(case_id)
    except HGSError:
        return None
    if not ui_auth.may_see(case):  # a link to another organisation's case: drop it, say so
        ui_auth.log_refused(case.id)
        choose(None)
        st.warning(ui_auth.OTHER_ORGANISATION, icon=":material/lock:")
        return None
    ui_auth.log_read(case)
    return case


def require_meeting() -> Context:
    """The active case and meeting, fresh from the store; a clear message and a stop if none."""
    case_id = st.session_state.get("active_case")
    meeting_id = st.session_state.get("active_meeting")
    try:
        if case_id and meeting_id:
            s = store()
            case = s.get_case(case_id)
            if not ui_auth.may_see(case):  # another organisation's case: show nothing of it
                ui_auth.log_refused(case.id)
                choose(None)
                st.error(ui_auth.OTHER_ORGANISATION, icon=":material/lock:")
                st.stop()
            ui_auth.log_read(case)
            return Context(ui_auth.audited(s, case_id), case, s.get_meeting(case_id, meeting_id))
    except HGSError as error:
        st.warning(str(error))
    st.info(t("common.no_meeting"), icon=":material/info:")
    st.page_link(pages.START.path, label=t("ui.naar_start"), icon=":material/home:")
    st.stop()
    raise AssertionError("unreachable")


# -- saving ------------------------------------------------------------------------------------
def _errors() -> dict[str, str]:
    return st.session_state.setdefault("save_errors", {})


def save(key: str, action: Callable[[], Any], toast: bool = True) -> bool:
    """Run a store write for widget `key`; a message (in the session's
    language) stays beside the widget on failure."""
    try:
        action()
    except StorageError as error:  # the store is away: keep what was typed to show it again
        _errors()[key] = str(error)
        if isinstance(typed := st.session_state.get(key), str) and typed.strip():
            st.session_state.setdefault(UNSAVED_STATE, {})[key] = typed
        st.session_state.setdefault(RETRY_STATE, {})[key] = action
        return False
    except HGSError as error:
        _errors()[key] = str(error)
        return False
    except OSError as error:  # disk full, folder read-only: keep the screen, say what happened
        _errors()[key] = t("ui.opslaan_is_niet_gelukt_wat_u", disk_problem=disk_problem(error))
        return False
    _errors().pop(key, None)
    for pending in (UNSAVED_STATE, RETRY_STATE):
        st.session_state.get(pending, {}).pop(key, None)
    if toast:
        st.toast(t("common.saved"), icon=":material/check:")
    return True


def show_error(key: str) -> None:
    if message := _errors().get(key):
        st.error(message, icon=":material/error:")


def _field_value(meeting: Meeting, field: str) -> Any:
    name, _, sub = field.partition(".")
    value = getattr(meeting, name)
    return value.get(sub) if sub else value


# Two people can change the same field at once (the chair, a participant, a second screen).
# Each widget remembers the stored value it last showed or saved ("seen"); when the store holds
# something else at save time, the later save still wins, and the person is told.
def _seen_key(key: str) -> str:
    return f"{key}::seen"


def _remember_seen(key: str, value: Any) -> None:
    if key not in st.session_state:  # a fresh widget shows the stored value
        st.session_state[_seen_key(key)] = value


def _after_save(key: str, value: Any, conflict: list[bool]) -> None:
    st.session_state[_seen_key(key)] = value
    if conflict and conflict[0]:
        st.toast(t("ui.conflict"), icon=":material/sync_problem:")


def _save_field(ctx: Context, field: str, key: str, convert: Callable[[Any], Any]) -> None:
    value = convert(st.session_state[key])
    seen = st.session_state.get(_seen_key(key))
    conflict: list[bool] = []
    if save(key, lambda: conflict.append(ctx.store.save_field(*ctx.ids, field, value, seen))):
        _after_save(key, value, conflict)


def meeting_field(ctx: Context, field: str, label: str, kind: str = "area", *,
                  help: str | None = None, placeholder: str | None = None,
                  options: dict | None = None, height: int | None = None) -> None:
    """One autosaving widget for a field of the meeting (`party_questions.ouders` for a dict)."""
    key = ctx.key(field)
    value = _field_value(ctx.meeting, field)
    _remember_seen(key, value)
    common = dict(key=key, help=help)
    convert: Callable[[Any], Any] = lambda v: v
    if kind == "area":
        st.text_area(label, value=value or "", placeholder=placeholder, height=height,
                     on_change=_save_field, args=(ctx, field, key, convert), **common)
    elif kind == "text":
        st.text_input(label, value=value or "", placeholder=placeholder,
                      on_change=_save_field, args=(ctx, field, key, convert), **common)
    elif kind == "date":
        st.date_input(label, value=value, format="DD-MM-YYYY",
                      on_change=_save_field, args=(ctx, field, key, convert), **common)
    elif kind == "choice":
        choices = list(options or {})
        st.radio(label, choices, index=choices.index(value) if value in choices else 0,
                 format_func=lambda v: options[v], horizontal=True,
                 on_change=_save_field, args=(ctx, field, key, convert), **common)
    elif kind == "score":
        st.number_input(label, min_value=0, max_value=10, step=1, value=value,
                        placeholder=t("ui.nog_geen_score"),
                        on_change=_save_field, args=(ctx, field, key, _int_or_none), **common)
    elif kind == "rating":
        st.number_input(label, min_value=1, max_value=10, step=1, value=value,
                        placeholder="1 – 10",
                        on_change=_save_field, args=(ctx, field, key, _int_or_none), **common)
    else:
        raise ValueError(kind)
    show_error(key)


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


# -- lists of items ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Col:
    """One field of a list item as a widget: kind is text, area, bool, score, weight, date,
    or select (with `options`: value -> label)."""
    field: str
    label: str
    kind: str = "text"
    width: float = 1.0
    options: dict | None = None
    placeholder: str | None = None


def _save_item(ctx: Context, list_name: str, item_id: str, col: Col, key: str) -> None:
    value = st.session_state[key]
    if col.kind in ("score", "weight"):
        value = _int_or_none(value)
    elif col.kind == "select" and value is None:  # the choice cleared: nothing chosen to save
        return
    seen = st.session_state.get(_seen_key(key))
    conflict: list[bool] = []
    if save(key, lambda: conflict.append(ctx.store.save_item_field(
            *ctx.ids, list_name, item_id, col.field, value, seen))):
        _after_save(key, value, conflict)


# A live list reruns every 2 s; a rerun that starts before the browser has the cleared field
# back sends the same text a second time. The same text in the same field within this many
# seconds is that echo, not a second entry.
ECHO_SECONDS = 10.0


def _add_item(ctx: Context, list_name: str, where: dict, field: str, key: str,
              draft: str, draft_key: str) -> None:
    """Enter in (or leaving) a list's "new item" field: the typed text becomes an item, and
    its draft (saved while typing) goes in the same write."""
    text = (st.session_state[key] or "").strip()
    if not text:
        return
    last_text, last_time = st.session_state.get(f"{key}::added", ("", 0.0))
    if text == last_text and time.monotonic() - last_time < ECHO_SECONDS:
        st.session_state[key] = ""
        return
    if save(key, lambda: ctx.store.add_item(*ctx.ids, list_name, draft=draft, **where,
                                            **{field: text})):
        st.session_state[f"{key}::added"] = (text, time.monotonic())
        st.session_state[key] = ""
        st.session_state[draft_key] = ""


def _save_draft(ctx: Context, draft: str, key: str) -> None:
    """A pause in a "new item" field: what was typed is kept as the list's draft, so a reload
    or a crash never loses it (the browser's autosave fills the hidden twin field)."""
    save(key, lambda: ctx.store.set_field(*ctx.ids, f"drafts.{draft}",
                                          st.session_state[key] or ""), toast=False)


def _remove_item(ctx: Context, list_name: str, item_id: str, key: str) -> None:
    save(key, lambda: ctx.store.remove_item(*ctx.ids, list_name, item_id), toast=False)
    st.toast(t("ui.verwijderd"), icon=":material/delete:")


def _item_widget(ctx: Context, list_name: str, item: Any, col: Col, show_label: bool) -> None:
    key = ctx.key(list_name, item.id, col.field)
    value = getattr(item, col.field)
    _remember_seen(key, value)
    visibility = "visible" if show_label else "collapsed"
    args = dict(key=key, on_change=_save_item, args=(ctx, list_name, item.id, col, key),
                label_visibility=visibility)
    if col.kind == "text":
        st.text_input(col.label, value=value or "", placeholder=col.placeholder, **args)
    elif col.kind == "area":
        st.text_area(col.label, value=value or "", placeholder=col.placeholder, height=68,
                     **args)
    elif col.kind == "bool":
        st.checkbox(col.label, value=bool(value), key=key, on_change=_save_item,
                    args=(ctx, list_name, item.id, col, key))
    elif col.kind == "score":
        st.number_input(col.label, min_value=0, max_value=10, step=1, value=value,
                        placeholder="0 – 10", **args)
    elif col.kind == "weight":
        st.number_input(col.label, min_value=1, max_value=3, step=1, value=value, **args)
    elif col.kind == "date":
        st.date_input(col.label, value=value, format="DD-MM-YYYY", **args)
    elif col.kind == "select":  # a value not among the options (a role not chosen yet) shows
        choices = list(col.options or {})  # empty with "Kies …", never a silent first option
        st.selectbox(col.label, choices, index=choices.index(value) if value in choices else None,
                     placeholder=t("ui.kies"), format_func=lambda v: col.options[v], **args)
    else:
        raise ValueError(col.kind)
    show_error(key)


def item_list(ctx: Context, list_name: str, cols: list[Col], *, where: dict | None = None,
              new_label: str | None = None, new_placeholder: str | None = None,
              new_field: str = "text", empty: str | None = None, labels: bool = False,
              keep: Callable[[Any], bool] | None = None, can_add: bool = True,
              defaults: dict | None = None) -> list:
    """Edit the items of one meeting list (filtered by `where`), each field autosaving, with a
    field at the bottom that adds an item as soon as something is typed in it."""
    where = where or {}
    items = [item for item in getattr(ctx.meeting, list_name)
             if all(getattr(item, k) == v for k, v in where.items()) and (keep is None or keep(item))]
    tag = "-".join(str(v) for v in where.values()) or "all"
    if not items and empty:
        st.caption(empty)
    widths = [c.width for c in cols] + [0.18]
    for index, item in enumerate(items):
        row = st.columns(widths, vertical_alignment="bottom" if labels else "top")
        for cell, col in zip(row, cols):
            with cell:
                _item_widget(ctx, list_name, item, col,
                             show_label=labels or (index == 0 and len(cols) > 1))
        with row[-1]:
            remove_key = ctx.key(list_name, item.id, "remove")
            st.button("", icon=":material/delete:", key=remove_key, help=t("ui.verwijderen"),
                      on_click=_remove_item, args=(ctx, list_name, item.id, remove_key))
    if can_add:
        new_key, draft_key = ctx.key("new", list_name, tag), ctx.key("draft", list_name, tag)
        draft = f"{list_name}:{tag}"
        st.text_input(new_label or t("ui.nieuw"), key=new_key,
                      placeholder=new_placeholder or t("ui.typ_en_druk_op_enter"),
                      on_change=_add_item,
                      args=(ctx, list_name, {**(defaults or {}), **where}, new_field, new_key,
                            draft, draft_key),
                      label_visibility="visible" if not items else "collapsed")
        # The hidden twin that carries a draft: the browser fills it after a pause in typing
        # and, after a reload, puts what it holds back into the field above.
        stored = ctx.meeting.drafts.get(draft, "")
        st.text_input(t("ui.concept"), key=draft_key, label_visibility="collapsed",
                      on_change=_save_draft, args=(ctx, draft, draft_key),
                      **({} if draft_key in st.session_state else {"value": stored}))
        if stored:
            st.caption(t("ui.concept_nog_niet_toegevoegd"))
        show_error(new_key)
        show_error(draft_key)
    return items


# -- page frame --------------------------------------------------------------------------------
def step_header(number: int) -> Context:
    """Title, where the meeting stands in the nine steps, the step's aim and the chair's prompts;
    stops with a clear message while the MDO may not start (`cycle.consent_problem`: a
    participant without a role, consent for outside professionals missing)."""
    ctx = require_meeting()
    s = step(number)
    meeting_caption(ctx)
    st.title(s.label)
    progress_bar(ctx.meeting, current=number)
    st.info(s.aim, icon=":material/flag:")
    with st.expander(t("ui.vragen_voor_de_voorzitter"), icon=":material/record_voice_over:"):
        for prompt in s.prompts:
            st.markdown(f"- {prompt}")
    if problem := cycle.consent_problem(ctx.case, ctx.meeting):
        st.error(texts.plain(problem), icon=":material/lock:")
        st.page_link(pages.PREPARATION.path, label=t("ui.naar_voorbereiding"), icon=":material/checklist:",
                     query_params=active_params())
        st.stop()
    join_panel(ctx)
    return ctx


def meeting_caption(ctx: Context) -> None:
    org = next((o.name for o in ctx.store.organisations() if o.id == ctx.case.organisation_id), "")
    st.caption(t("ui.van", first_name=texts.plain(ctx.case.first_name), code=ctx.case.code, org=texts.plain(org), kind=texts.MEETING_KINDS[ctx.meeting.kind], date=texts.date_nl(ctx.meeting.date)))
    if cycle.consent_state(ctx.case, today()) == "ingetrokken":
        st.badge(t("ui.zonder_toestemming_ingetrokken"), icon=":material/block:",
                 color="red")
    if ctx.meeting.cancelled:  # still readable and editable; the Planning block undoes it
        st.badge(t("planning.geannuleerd_badge"), icon=":material/event_busy:", color="orange")


def progress_bar(meeting: Meeting, current: int | None = None) -> None:
    """The nine steps as links, ticked when they have content; wraps on a phone."""
    done = progress(meeting)
    with st.container(horizontal=True, gap="small", key="progress-bar"):
        for s in STEPS:
            icon = ":material/check_circle:" if done[s.number] else \
                ":material/radio_button_unchecked:"
            label = f"**{s.number}**" if s.number == current else str(s.number)
            st.page_link(pages.for_step(s.number).path, label=label, icon=icon, help=s.title,
                         query_params=active_params())
    st.caption(t("ui.van_de_stappen_ingevuld", sum=sum(done.values()), count=len(STEPS)))


def step_nav(number: int) -> None:
    st.divider()
    left, _, right = st.columns([1, 2, 1])
    with left:
        if number == 1:
            st.page_link(pages.PREPARATION.path, label=t("ui.voorbereiding"), icon=":material/arrow_back:",
                         query_params=active_params())
        else:
            before = step(number - 1)
            st.page_link(pages.for_step(before.number).path, label=t("ui.vorige", label=before.label),
                         icon=":material/arrow_back:", query_params=active_params())
    with right:
        if number < len(STEPS):
            after = step(number + 1)
            st.page_link(pages.for_step(after.number).path, label=t("ui.volgende", label=after.label),
                         icon=":material/arrow_forward:", query_params=active_params())


def today() -> dt.date:
    return dt.date.today()


# What a person types is committed as they type it (a pause, Enter, Tab, leaving the field,
# a click on a page link right after typing): the rules are in the script itself.
_AUTOSAVE_JS = Path(__file__).with_name("autosave.js")


def autosave_while_typing() -> None:
    st.html(f"<script>{_AUTOSAVE_JS.read_text(encoding='utf-8')}</script>",
            unsafe_allow_javascript=True)


# -- goal progress (Voortgang page, and compact at step 9 of a follow-up) ----------------------
def goal_progress(meetings: list[Meeting], compact: bool = False) -> None:
    """Goal lines, GAS T-scores, tops and tips and agreements of one case."""
    from hgs.analytics import goals as analytics  # plotly and pandas only where charts are drawn
    from hgs.analytics import charts

    config = {"displaylogo": False}
    scores = analytics.goal_scores(meetings)
    att = analytics.attainment(meetings)
    with st.expander(t("ui.hoe_lezen_we_dit_de_regel_voor_de"), icon=":material/help:"):
        st.markdown(analytics.gas_rule())

    st.subheader(t("ui.doelrealisatie"))
    t_fig = charts.t_score_figure(att)
    if t_fig is None:
        st.info(t("ui.na_een_vervolg_mdo_waarin_de"), icon=":material/info:")
    else:
        last = att.dropna(subset=["t_score"]).iloc[-1]
        cols = st.columns(3)
        cols[0].metric(t("ui.t_score_laatste_mdo"), f"{last.t_score:.0f}",
                       help=t("ui.50_alle_doelen_gemiddeld_precies"))
        cols[1].metric(t("ui.doelen_bereikt"), t("ui.x_van_y", reached=int(last.reached), scored=int(last.goals_scored)))
        cols[2].metric(t("ui.doelen_nog_zonder_score"), int(last.goals_open))
        st.plotly_chart(t_fig, config=config, key="progress-t-score")
        st.markdown(t("ui.niveau_per_doel_per_mdo_2_2_0"))
        st.dataframe(analytics.level_table(meetings), key="progress-levels")

    st.subheader(t("ui.doelen"))
    if scores.empty:
        st.info(t("ui.er_zijn_nog_geen_doelen_gesteld"), icon=":material/info:")
    goal_ids = list(dict.fromkeys(scores.goal_id))
    columns = st.columns(1 if compact else 2)
    for index, goal_id in enumerate(goal_ids):
        rows = scores[scores.goal_id == goal_id]
        with columns[index % len(columns)]:
            fig = charts.goal_figure(rows)
            if fig is None:
                goal = texts.plain(rows.goal.iloc[0])
                st.markdown(f"**{texts.AREA_SHORT[rows.area.iloc[0]]}: {goal}**")
                st.caption(t("ui.dit_doel_heeft_nog_geen_score_vul"))
            else:
                st.plotly_chart(fig, config=config, key=f"progress-goal-{goal_id}")
    if compact:
        return

    st.subheader(t("ui.tops_en_tips"))
    frame = analytics.tops_tips(meetings)
    fig = charts.tops_tips_figure(analytics.tops_tips_counts(frame))
    if fig is None:
        st.info(t("ui.er_zijn_nog_geen_tops_en_tips"), icon=":material/info:")
    else:
        st.plotly_chart(fig, config=config, key="progress-tops-tips")
        for no, rows in frame.groupby("meeting_no", sort=False):
            date = rows.date.iloc[0]
            with st.expander(t("ui.mdo_van_tops_tips", no=no, date=texts.date_nl(date.date()), sum=(rows.kind == 'top').sum(), sum2=(rows.kind == 'tip').sum())):
                for group, label in texts.GIVERS.items():
                    part = rows[rows.group == group]
                    if part.empty:
                        continue
                    st.markdown(f"**{label}**")
                    for row in part.itertuples():
                        kind = t("ui.top") if row.kind == "top" else t("ui.tip")
                        by = f" — {texts.plain(row.by)}" if row.by else ""
                        st.markdown(f"- *{kind}:* {texts.plain(row.text)}{by}")

    st.subheader(t("ui.afspraken"))
    table = analytics.agreements(meetings, today())
    if table.empty:
        st.info(t("ui.er_zijn_nog_geen_afspraken"), icon=":material/info:")
    counts = table.state.value_counts()
    if not table.empty:
        st.markdown(" · ".join(f"{texts.AGREEMENT_STATES[s][0]} :{texts.AGREEMENT_STATES[s][1]}"
                               f"[{counts.get(s, 0)} {texts.AGREEMENT_STATES[s][2]}]"
                               for s in texts.AGREEMENT_STATES))
    for row in table.itertuples():
        icon, colour, label = texts.AGREEMENT_STATES[row.state]
        due = t("ui.uiterlijk", date=texts.date_nl(row.due)) if row.due else t("ui.zonder_datum")
        who = row.who or t("ui.nog_niemand")
        what = texts.plain(row.what) or t("ui.zonder_tekst")
        st.markdown(f"{icon} :{colour}[**{label}**] — {what} "
                    f"*({texts.plain(who)}{due})*")


# -- network dashboard --------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _network_cache_for(target: str):
    from hgs.analytics.network import NetworkCache
    from hgs.store import is_database_url

    if is_database_url(target):
        from hgs.store.postgres import CaseRows
        return NetworkCache(CaseRows(_store_for(target)))
    return NetworkCache(target)


def network_frames():
    """The whole network as frames, re-reading only cases that changed since last time (case
    files in `HGS_DATA_DIR`, or case rows in PostgreSQL when `HGS_DATABASE_URL` is set)."""
    target = config.store_target()
    organisations = {o.id: (o.name, o.sector) for o in store().organisations()}
    return _network_cache_for(target).frames(organisations)


def table_with_export(table, name: str, key: str) -> None:
    """An aggregate table and its CSV download (the same "< 5" rule as on screen)."""
    from hgs.analytics import network

    if table.empty:
        st.caption(t("ui.geen_gegevens_in_deze_selectie"))
        return
    st.dataframe(network.display_names(network.display(table)), hide_index=True,
                 key=f"{key}-table")
    lang = i18n.language()  # the file is made on click, outside this run: in the shown language
    st.download_button("CSV", ui_auth.guarded(lambda: network.to_csv(table, lang)),
                       file_name=f"hgs-{name}.csv",
                       mime="text/csv", key=f"{key}-csv", icon=":material/download:")


def chart(fig, key: str, empty: str | None = None) -> None:
    if fig is None:
        st.caption(empty or t("ui.geen_gegevens_in_deze_selectie"))
    else:
        st.plotly_chart(fig, config={"displaylogo": False}, key=key)


# -- joining from one's own device, and the live parts of the chair's screen ------------------
def public_base_url() -> str | None:
    """Where participants' phones reach this server: `HGS_PUBLIC_URL`, else this computer's
    network address and port (`hgs.netaccess.phone_address`); None without a network."""
    from hgs.ui import netgate as ui_net

    return ui_net.phone_base_url()


def join_panel(ctx: Context) -> None:
    """Open or close joining for this meeting; while open, the link and its QR code."""
    from hgs.access import joining as live

    meeting = ctx.meeting
    with st.expander(t("ui.meedoen_vanaf_de_eigen_telefoon") +
                     (t("ui.open") if meeting.join_open else ""),
                     icon=":material/qr_code_2:", expanded=False):
        if not meeting.join_open:
            st.caption(t("ui.deelnemers_voegen_zelf_vragen"))
            if st.button(t("ui.meedoen_openen"), key=ctx.key("join-open"), icon=":material/lock_open:"):
                if save(ctx.key("join-open"),
                        lambda: live.open_joining(ctx.store, *ctx.ids), toast=False):
                    st.rerun()
            return
        url = join_link(meeting)
        if url is None:  # no network (or this computer only): no link a phone could open
            st.warning(t("net.no_phone_address"), icon=":material/wifi_off:")
            if st.button(t("ui.meedoen_sluiten"), key=ctx.key("join-close"),
                         icon=":material/lock:"):
                if save(ctx.key("join-close"),
                        lambda: live.close_joining(ctx.store, *ctx.ids), toast=False):
                    st.rerun()
            return
        left, right = st.columns([1, 2], vertical_alignment="center")
        with left:
            st.image(qr_png(url), width=220)
        with right:
            st.markdown(t("ui.scan_de_code_of_open_de_link"))
            st.code(url, language=None)
            if st.button(t("ui.meedoen_sluiten"), key=ctx.key("join-close"), icon=":material/lock:",
                         help=t("ui.de_link_werkt_daarna_niet_meer")):
                if save(ctx.key("join-close"),
                        lambda: live.close_joining(ctx.store, *ctx.ids), toast=False):
                    st.rerun()


def join_link(meeting: Meeting) -> str | None:
    """The participants' link of this meeting while joining is open (None without an address a
    phone could reach)."""
    from hgs.access import joining as live

    if not meeting.join_open or (base := public_base_url()) is None:
        return None
    return live.join_url(base, meeting.join_token)


@st.cache_data(show_spinner=False, max_entries=64)
def qr_png(url: str) -> bytes:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def live_section(ctx: Context, render: Callable[[Context], None], every: float = 2.0,
                 always: bool = False) -> None:
    """Draw `render` inside a fragment that, while joining is open (or `always`), reads the
    meeting again every `every` seconds: participants' entries appear without a reload, and only
    this part of the page reruns, so what the chair is typing elsewhere stays."""

    @st.fragment(run_every=every if always or ctx.meeting.join_open else None)
    def section() -> None:
        try:
            fresh = ctx.store.get_meeting(*ctx.ids)
        except HGSError:
            fresh = ctx.meeting
        render(Context(ctx.store, ctx.case, fresh))

    section()


def giver_scores(ctx: Context) -> None:
    """The scores participants gave each goal from their own device, beside the chair's."""
    given = ctx.meeting.giver_scores
    if not given:
        return
    st.markdown(t("ui.scores_van_deelnemers"))
    for goal in ctx.meeting.goals:
        mine = [g for g in given if g.goal_id == goal.id]
        if mine:
            scores = ", ".join(f"{g.score} ({texts.plain(g.by)})" for g in mine)
            st.markdown(f"- {texts.plain(goal.text) or t('ui.goal_without_text')}: {scores}")


# -- AVG: export and erase a case ----------------------------------------------------------------
def case_export_and_erase(case: Case) -> None:
    """Export a case completely (ZIP) or erase it completely: after typing its code, a question
    (hgs.ui_confirm), a back-up first, and an audit line."""
    from hgs.ui import confirm as ui_confirm
    from hgs.ui import downloads as ui_downloads

    with st.expander(t("ui.casus_exporteren_of_wissen_avg"), icon=":material/shield_person:"):
        st.caption(t("ui.exporteren_geeft_alle_gegevens"))
        ui_downloads.download_buttons(ui_downloads.export_files(store(), case, today()),
                                      key=f"avg-{case.id}")
        st.divider()
        st.markdown(t("ui.casus_definitief_wissen", code=case.code))
        on_files = getattr(store(), "data_dir", None) is not None
        st.caption(t("erase.caption_files" if on_files else "erase.caption_database"))
        key = f"avg-erase-{case.id}"
        st.text_input(t("ui.typ_de_code_om_te_bevestigen", code=case.code), key=key + "-code",
                      max_chars=20)
        ui_confirm.erase_case_button(case, key)
