"""Het format: the whole information format of the MDO on one screen, as the seed's sheet,
live while the table works; the parents' version at a toggle, and the A3 flap to print."""

import streamlit as st

from hgs.exports import contents
from hgs.i18n import t
from hgs.ui import context
from hgs.ui import downloads as ui_downloads
from hgs.ui import flap as ui_flap
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
ctx = context.require_meeting()
st.title(t("flap.pagina_titel"))
parents = st.toggle(t("flap.versie_ouders"), key=ctx.key("format-parents"))
if parents:
    st.caption(t("flap.versie_ouders_uitleg",
                 left_out="; ".join(contents.PARENTS_LEAVE_OUT.values())))
ui_flap.live(ctx, "ouders" if parents else "team")
ui_downloads.download_buttons(ui_downloads.flap_files(ctx.store, ctx.case, ctx.meeting),
                              key="format", title=t("flap.downloads_titel"),
                              caption=t("flap.downloads_uitleg"))
