"""`python -m hgs.migrate --from … --to …`: a network between a folder and PostgreSQL
(hgs.store.transfer.main)."""

from hgs.store.transfer import main

if __name__ == "__main__":
    raise SystemExit(main())
