"""`python -m hgs.auth`: users and passwords from the command line (hgs.access.auth.main)."""

from hgs.access.auth import main

if __name__ == "__main__":
    raise SystemExit(main())
