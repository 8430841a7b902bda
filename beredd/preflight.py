"""`python -m beredd.preflight`: refuse to serve with unsafe settings, one line per problem.

`make serve` runs it before migrating and starting gunicorn. It runs the deploy checks of
beredd.security (Errors), and prints them without Django's check report around them."""

import os
import sys

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beredd.settings")
    django.setup()
    from beredd.security import check_production_settings

    errors = check_production_settings(None)
    for error in errors:
        print(f"Beredd will not start: {error.msg} {error.hint}", file=sys.stderr)
    return 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
