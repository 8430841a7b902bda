"""Concurrent import confirmations against gunicorn, and the time of one large confirm.

    PYTHONPATH=$PWD python benchmarks/bench_concurrent_imports.py [--clients 20] [--rows 250]
    PYTHONPATH=$PWD python benchmarks/bench_concurrent_imports.py --single 5000

The default run makes a temporary SQLite database in WAL mode with one buyer organisation and
one coordinator per client, each with a prepared import of `--rows` new units; starts
gunicorn on a free port of 127.0.0.1; lets every client confirm its import at once from its
own thread; prints the errors and the p50/p95 of the response times; and stops the server.
`--single N` times one confirm of N rows in this process instead (no server).
Every request has a timeout, so the run ends by itself.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT_S = 120
SERVER_START_TIMEOUT_S = 60
HEADER = "enhet_id;namn;typ;område;portioner_per_dag;kritikalitet;lagerdagar_dry"


def _environment(database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="beredd.settings",
        DATABASE_URL=f"sqlite:///{database}",
        DEBUG="False",
        ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY=secrets.token_urlsafe(50),
        PYTHONPATH=os.environ.get("PYTHONPATH", str(ROOT)),
        IMPORT_MAX_ROWS="10000",
    )
    return env


def _units_csv(prefix: str, rows: int) -> bytes:
    lines = [HEADER] + [f"{prefix}{n};Kök {prefix}{n};skola;north;100;3;2" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def _setup(clients: int, rows: int) -> list[tuple[int, str]]:
    """One organisation, and per client a coordinator with a session and a prepared import."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from beredd.accounts.models import Organisation, OrganisationKind, Role, User
    from beredd.network.models import FoodCategory, ImportKind, MenuShare
    from beredd.network.services import import_prepare

    organisation = Organisation.objects.create(
        name="Benchby kommun", slug="benchby", kind=OrganisationKind.MUNICIPALITY
    )
    dry = FoodCategory.objects.create(organisation=organisation, code="dry", name="Torrvaror")
    MenuShare.objects.create(organisation=organisation, menu="normal", category=dry, share=1)
    prepared = []
    for client_number in range(clients):
        user = User.objects.create_user(
            username=f"bench{client_number}",
            password=secrets.token_urlsafe(16),
            organisation=organisation,
        )
        user.set_roles([Role.PREPAREDNESS_COORDINATOR])
        upload = SimpleUploadedFile("enheter.csv", _units_csv(f"C{client_number}-", rows))
        batch = import_prepare(
            organisation=organisation, user=user, kind=ImportKind.UNITS, upload=upload
        )
        browser = Client()
        browser.force_login(user)
        prepared.append((batch.pk, browser.cookies[settings.SESSION_COOKIE_NAME].value))
    return prepared


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _confirm(
    base: str, pk: int, session: str, barrier: threading.Barrier
) -> tuple[int, float, str]:
    """POST the confirmation; (status, seconds, where it redirected or the error text)."""
    token = secrets.token_hex(16)
    request = urllib.request.Request(
        f"{base}/network/imports/{pk}/",
        data=b"",
        method="POST",
        headers={
            "Cookie": f"sessionid={session}; csrftoken={token}",
            "X-CSRFToken": token,
            "Referer": f"{base}/network/imports/{pk}/",
        },
    )
    opener = urllib.request.build_opener(NoRedirect)
    barrier.wait(timeout=REQUEST_TIMEOUT_S)
    started = time.perf_counter()
    try:
        with opener.open(request, timeout=REQUEST_TIMEOUT_S) as response:
            return response.status, time.perf_counter() - started, ""
    except urllib.error.HTTPError as error:
        where = error.headers.get("Location", "") if error.code == 302 else error.read()[:200]
        return error.code, time.perf_counter() - started, str(where)
    except OSError as error:
        return 0, time.perf_counter() - started, str(error)


def _saved_units(env: dict[str, str]) -> int:
    script = (
        "import django; django.setup(); from beredd.network.models import MealUnit; "
        "print(MealUnit.objects.count(), MealUnit.history.count())"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()  # type: ignore[return-value]


def concurrent(clients: int, rows: int, workers: int, threads: int) -> None:
    directory = Path(tempfile.mkdtemp(prefix="beredd-bench-"))
    env = _environment(directory / "bench.sqlite3")
    server = None
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        os.environ.update(env)
        prepared = _setup(clients, rows)
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "beredd.wsgi:application",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                str(REQUEST_TIMEOUT_S),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/accounts/login/", server)
        barrier = threading.Barrier(clients)
        results: list[tuple[int, float, str]] = [(0, 0.0, "not run")] * clients

        def run(index: int) -> None:
            pk, session = prepared[index]
            results[index] = _confirm(base, pk, session, barrier)

        pool = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join(timeout=REQUEST_TIMEOUT_S * 2)
        _report(results, clients, rows, workers, threads)
        print(f"units, history rows in the database: {_saved_units(env)}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(directory, ignore_errors=True)


def _report(
    results: list[tuple[int, float, str]], clients: int, rows: int, workers: int, threads: int
) -> None:
    ok = [r for r in results if r[0] == 302 and r[2] == "/network/"]  # the unit list
    errors = [r for r in results if r not in ok]
    times = sorted(r[1] for r in results)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(
        f"{clients} concurrent confirmations of {rows} rows each "
        f"(gunicorn {workers} workers x {threads} threads, SQLite WAL)"
    )
    print(f"ok: {len(ok)}  errors: {len(errors)}")
    for status, seconds, text in errors:
        print(f"  error: status {status} after {seconds:.2f} s: {text[:160]}")
    print(f"p50 {statistics.median(times):.2f} s  p95 {p95:.2f} s  max {times[-1]:.2f} s")


def single(rows: int) -> None:
    """Time one confirmation of `rows` new units in this process (no server)."""
    directory = Path(tempfile.mkdtemp(prefix="beredd-bench-"))
    env = _environment(directory / "bench.sqlite3")
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        os.environ.update(env)
        ((pk, _session),) = _setup(1, rows)
        from beredd.network.models import ImportBatch
        from beredd.network.services import import_commit

        batch = ImportBatch.objects.get(pk=pk)
        started = time.perf_counter()
        count = import_commit(batch=batch)
        print(f"confirming {count} rows took {time.perf_counter() - started:.2f} s")
        _time_the_write_transaction(batch)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _time_the_write_transaction(batch) -> None:  # type: ignore[no-untyped-def]
    """Where checks happen before the transaction, time the transaction alone (a second run)."""
    from django.db import transaction

    from beredd.network.imports import batches
    from beredd.network.models import MealUnit

    if not hasattr(batches, "write_staged"):
        return
    MealUnit.objects.all().delete()
    staged = batches.stage(batch.organisation, batch.rows, MealUnit)
    started = time.perf_counter()
    with transaction.atomic():
        batches.write_staged(batch.organisation, staged, batch.created_by)
    print(f"of which the write transaction: {time.perf_counter() - started:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rows", type=int, default=250)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--single", type=int, metavar="ROWS")
    args = parser.parse_args()
    if args.single:
        single(args.single)
    else:
        concurrent(args.clients, args.rows, args.workers, args.threads)


if __name__ == "__main__":
    main()
