"""`python -m hgs.auth`: users and passwords from the command line (hgs.access.cli.main)."""

from hgs.access.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
