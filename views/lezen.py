"""Lezen: what a lees-link opens, on a phone as well: the parents' verslag of one MDO, its
agreements and the goals' progress up to it. Reached only through a lees-link (`?lees=…`),
without sign-in; shows nothing of any case without a token that still opens."""

from hgs.access import readlinks
from hgs.errors import HGSError
from hgs.ui import readlink, session
from hgs.ui import signin as ui_auth

ui_auth.guard(__file__)
try:
    reading = readlinks.resolve(session.store(), session.reader_token(), session.today())
except HGSError as error:
    readlink.stopped_page(error)
else:
    readlink.note_opening(reading)
    readlink.show(reading)
