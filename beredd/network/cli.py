"""`beredd network export --org ORG`: write a buyer's network file (JSON) to standard output."""

import argparse
import json
import os
import sys
from typing import Any, Protocol


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


def find_organisation(reference: str) -> Any:
    """The buyer organisation with this slug or numeric id, or None."""
    from beredd.accounts.models import Organisation
    from beredd.network.selectors import strict_int

    organisations = Organisation.objects.all()
    found = organisations.filter(slug=reference).first()
    pk = strict_int(reference)
    if found is None and pk is not None:
        found = organisations.filter(pk=pk).first()
    return found


def write_network(reference: str, out: Writer) -> bool:
    """Write the network of the organisation as JSON; False if there is no such buyer."""
    from beredd.network.export import network_as_dict

    organisation = find_organisation(reference)
    if organisation is None or not organisation.is_buyer:
        return False
    json.dump(network_as_dict(organisation), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return True


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="beredd network", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write a buyer's network file to stdout")
    export.add_argument("--org", required=True, help="the organisation's slug or id")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beredd.settings")
    import django

    django.setup()
    if not write_network(args.org, sys.stdout):
        print(f"No buyer organisation with slug or id {args.org!r}.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
