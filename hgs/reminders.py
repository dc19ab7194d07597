"""`python -m hgs.reminders`: send the agreements' reminders and the chairs' weekly digests that
are due (hgs.mail.reminders.main), for cron."""

from hgs.mail.reminders import main

if __name__ == "__main__":
    raise SystemExit(main())
