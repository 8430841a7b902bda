"""`beredd audit verify`: the audit_verify command from the `beredd` command line."""

import argparse
import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="beredd audit", description="The audit log.")
    sub = parser.add_subparsers(dest="action", required=True)
    verify = sub.add_parser("verify", help="check the hash chain in DATABASE_URL's database")
    verify.add_argument("--head", help="COUNT:SHA256 from a receipt")
    args = parser.parse_args(list(argv))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beredd.settings")
    import django
    from django.core.management import CommandError, call_command

    django.setup()
    try:
        call_command("audit_verify", *(["--head", args.head] if args.head else []))
    except CommandError as error:
        print(f"beredd: {error}", file=sys.stderr)
        return error.returncode
    return 0
