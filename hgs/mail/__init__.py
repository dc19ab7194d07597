"""E-mail that HGS sends itself: the transport (`smtp`, the server of `HGS_SMTP_URL`), the
messages (`messages`), sending one for a case with its consent rule, record and audit line
(`sending`), and the reminders and weekly digest that `python -m hgs.reminders` sends once each
(`reminders`)."""
