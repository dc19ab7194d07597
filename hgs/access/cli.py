"""`python -m hgs.auth`: add, change and remove users and their passwords from the command line;
a thin layer that parses options and calls hgs.access.users, and writes the audit line."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from hgs import config
from hgs.access import audit
from hgs.access.users import add_user, load_users, remove_user, set_password
from hgs.errors import HGSError, InvalidInput


def _ask_password() -> str:
    if from_env := config.new_password():
        return from_env
    first = getpass.getpass("Wachtwoord: ")
    if first != getpass.getpass("Nog een keer: "):
        raise InvalidInput("De twee wachtwoorden zijn niet gelijk.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hgs.auth",
        description="Users of HGS in <data folder>/users.json. The password is asked with "
                    "getpass, or read from the environment variable HGS_NEW_PASSWORD.")
    parser.add_argument("--data-dir", help="data folder (default: HGS_DATA_DIR or data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-user", help="add a user")
    add.add_argument("username")
    add.add_argument("--role", required=True, help="voorzitter, coordinator or beheerder")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--organisation", action="append", default=[],
                     help="organisation id (a voorzitter's; repeat for more)")
    add.add_argument("--no-password", action="store_true",
                     help="signs in through OIDC only (username = e-mail address)")
    reset = commands.add_parser("set-password", help="set a new password")
    reset.add_argument("username")
    remove = commands.add_parser("remove-user", help="remove a user")
    remove.add_argument("username")
    commands.add_parser("list-users", help="list the users (never their passwords)")
    args = parser.parse_args(argv)

    folder = Path(args.data_dir).resolve() if args.data_dir else None
    try:
        if args.command == "add-user":
            password = None if args.no_password else _ask_password()
            user = add_user(args.username, args.role, password, display_name=args.name,
                            organisations=args.organisation, folder=folder)
            print(f"Gebruiker {user.username} ({user.role_label}) toegevoegd.")
        elif args.command == "set-password":
            user = set_password(args.username, _ask_password(), folder)
            print(f"Nieuw wachtwoord voor {user.username} opgeslagen.")
        elif args.command == "remove-user":
            remove_user(args.username, folder)
            print(f"Gebruiker {args.username.lower()} verwijderd.")
        else:
            for user in load_users(folder).values():
                orgs = ",".join(user.organisations) or "-"
                how = "wachtwoord" if user.password_hash else "oidc"
                print(f"{user.username}\t{user.role_label}\t{orgs}\t{how}\t{user.display_name}")
            return 0
    except HGSError as error:
        print(f"Niet gelukt: {error}", file=sys.stderr)
        return 1
    audit.record("user-changed", who="opdrachtregel", role="beheerder",
                 detail=f"{args.command} {args.username.strip().lower()}", folder=folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
