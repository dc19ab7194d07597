"""Step 7's "Maak er een afspraak van": the button beside each decision (hgs.method.decisions
makes the agreement, once), and once made, where it went: a link to step 8."""

from __future__ import annotations

import streamlit as st

from hgs import pages
from hgs.i18n import t
from hgs.method import decisions
from hgs.method.records import Decision
from hgs.ui.context import Context
from hgs.ui.fields import save, show_error
from hgs.ui.session import active_params


def _make(ctx: Context, decision_id: str, key: str) -> None:
    made = []
    if save(key, lambda: ctx.store.update_meeting(
            *ctx.ids, lambda m: made.append(decisions.make_agreement(m, decision_id))),
            toast=False):
        st.toast(t("besluit_afspraak.toegevoegd") if made and made[0] else
                 t("besluit_afspraak.al_gemaakt"), icon=":material/assignment_add:")


def to_agreement(ctx: Context, decision: Decision) -> None:
    """The button for one decision, or (made already) the link to its agreement at step 8."""
    key = ctx.key("decisions", decision.id, "to-agreement")
    if decisions.agreement_of(ctx.meeting, decision.id) is not None:
        st.page_link(pages.for_step(8).path, label=t("besluit_afspraak.staat_bij_stap_8"),
                     icon=":material/assignment_turned_in:", query_params=active_params())
    else:
        st.button(t("besluit_afspraak.maak_er_een_afspraak_van"), key=key,
                  icon=":material/assignment_add:", disabled=not decision.text.strip(),
                  help=t("besluit_afspraak.uitleg"), on_click=_make,
                  args=(ctx, decision.id, key), width="stretch")
    show_error(key)
