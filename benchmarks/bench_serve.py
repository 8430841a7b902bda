"""The production server under load: 10,000 published procurements in a temporary SQLite (WAL)
database, gunicorn on a free local port (DEBUG off, rate limits off for the run), 50 concurrent
clients on the public search and a tender page for a bounded time; p50/p95/max and errors.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_serve.py [--clients 50] [--seconds 20]
"""

import argparse
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PROCUREMENTS = 10_000
QUERIES = [
    "/tenders/",
    "/tenders/?q=" + quote("bröd skolor"),
    "/tenders/?q=fisk",
    "/tenders/?q=" + quote("mjölk kök norr") + "&page=3",
    "/tenders/?cpv=158",
    "/tenders/?q=" + quote(" ".join(f"ord{n}" for n in range(300))),
]

SEED = """
import datetime, django
django.setup()
from django.utils import timezone
from beredd.accounts.models import Organisation, OrganisationKind
from beredd.procurement.models import Lot, Procurement, Status
orgs = Organisation.objects.bulk_create(
    Organisation(name=f"Kommun {n}", slug=f"kommun-{n}", kind=OrganisationKind.MUNICIPALITY,
                 org_number=f"212000-{n:04d}", region=["Skåne", "Norrbotten", "Uppsala"][n % 3])
    for n in range(20))
now = timezone.now()
words = ["Bröd", "Fisk", "Mjölk", "Frukt", "Kaffe", "Grönsaker", "Kött", "Måltider"]
tenders = Procurement.objects.bulk_create(
    Procurement(organisation=orgs[n % 20], title=f"{words[n % 8]} till skolor {n}",
                description=f"Leverans av {words[(n * 3) % 8].lower()} till kommunens kök.",
                procedure="open", cpv_codes=["15811000-6"], status=Status.PUBLISHED,
                questions_deadline=timezone.localdate() + datetime.timedelta(days=10),
                tender_deadline=now + datetime.timedelta(days=1 + n % 60), published_at=now)
    for n in range(COUNT))
Lot.objects.bulk_create(
    Lot(procurement=t, number=1, title=f"{t.title} – norr", basis="area",
        reserved_for_sme=t.pk % 4 == 0, estimated_value_sek=400_000) for t in tenders)
print(tenders[len(tenders) // 2].pk)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="beredd.settings",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        CACHE_DIR=str(workdir / "cache"),
        RATELIMIT_ENABLE="False",
        LOG_LEVEL="WARNING",
    )
    env.pop("DEBUG", None)
    return env


def build_database(env: dict[str, str]) -> int:
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    seed = subprocess.run(
        [python, "-c", SEED.replace("COUNT", str(PROCUREMENTS))],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(seed.stdout.strip().splitlines()[-1])


def wait_until_up(port: int, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/tenders/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer")


def client(port: int, paths: list[str], stop_at: float, out: list, errors: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    n = 0
    while time.monotonic() < stop_at:
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{response.status} {path[:40]}")
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{type(error).__name__} {path[:40]}")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        out.append(time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", default=os.getenv("WEB_CONCURRENCY", "3"))
    parser.add_argument("--threads", default=os.getenv("GUNICORN_THREADS", "4"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = server_env(workdir)
        started = time.perf_counter()
        tender_pk = build_database(env)
        print(f"database: {PROCUREMENTS} procurements in {time.perf_counter() - started:.1f} s")
        port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [
                str(gunicorn),
                "beredd.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                args.workers,
                "--threads",
                args.threads,
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_until_up(port)
            paths = [*QUERIES, f"/tenders/{tender_pk}/"]
            latencies: list[float] = []
            errors: list[str] = []
            stop_at = time.monotonic() + args.seconds
            threads = [
                threading.Thread(
                    target=client,
                    args=(
                        port,
                        paths[i % len(paths) :] + paths[: i % len(paths)],
                        stop_at,
                        latencies,
                        errors,
                    ),
                )
                for i in range(args.clients)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=args.seconds + 60)
        finally:
            server.terminate()
            server.wait(timeout=30)
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{args.clients} clients, {args.seconds:.0f} s, gunicorn {args.workers}x{args.threads}: "
        f"{len(ordered)} requests ({len(ordered) / args.seconds:.0f}/s), "
        f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {ordered[-1] * 1000:.0f} ms, errors {len(errors)}"
    )
    for error in sorted(set(errors))[:10]:
        print("  error:", error)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
