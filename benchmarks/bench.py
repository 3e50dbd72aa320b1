"""The archive's benchmark: build a PostgreSQL archive from a generated corpus, then measure.

    python benchmarks/bench.py                      # 100,000 articles (make bench)
    python benchmarks/bench.py --count 2000 --seconds 2   # the small run CI does

Steps: generate the corpus (cached under var/), create a fresh database, migrate, import it
(files per second, peak memory), serve it with gunicorn (DEBUG off, WhiteNoise), load every
page of the targets list from a second process on loopback, twice: with every page rendered
(PAGE_CACHE=0) and as deployed (whole pages cached), time a 10,000-row CSV export,
print a table with the targets, and write the figures to benchmarks/results/ as JSON so the
next run can be compared. Exits 1 when any request failed.
"""

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "benchmarks" / "results"
PYTHON = sys.executable
SEARCH_QUERIES = [
    "Nazarbayev Sochi",
    "cooperation",
    '"Eurasian Economic Union"',
    "telephone conversation Lukashenko",
    "Tokayev Beijing trade",
]
TARGET_P95_MS = 100
TARGET_RPS = 100
TARGET_IMPORT_FILES_PER_SECOND = 500
TARGET_IMPORT_RSS_MB = 500
TARGET_EXPORT_FIRST_BYTE_MS = 200


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000, help="articles in the corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10, help="load time per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--server-url",
        default=os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432"),
        help="PostgreSQL server; the benchmark creates its own database there",
    )
    parser.add_argument("--reuse", action="store_true", help="keep an already imported database")
    return parser.parse_args()


def manage(*args: str, env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=PROJECT, env=env, check=True, text=True, **kwargs
    )


def database_env(server_url: str, name: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"{server_url.rstrip('/')}/{name}",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # The benchmark serves plain HTTP on localhost; with DEBUG off every page would
        # otherwise be a redirect to HTTPS, and the load figures would measure redirects.
        "SECURE_SSL_REDIRECT": "0",
    }


def recreate_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url.rstrip('/')}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def article_count(env: dict) -> int:
    try:
        result = manage(
            "shell",
            "-c",
            "from articles.models import Article; print(Article.objects.count())",
            env=env,
            capture_output=True,
        )
    except subprocess.CalledProcessError:
        return 0
    return int(result.stdout.strip().splitlines()[-1])


def build(args: argparse.Namespace, env: dict, name: str) -> dict:
    """Generate the corpus and import it into a fresh database; return the import figures."""
    corpus = PROJECT / "var" / f"bench-corpus-{args.count}-{args.seed}"
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) < args.count:
        started = time.perf_counter()
        manage(
            "generate_corpus",
            str(corpus),
            "--count",
            str(args.count),
            "--seed",
            str(args.seed),
            env=env,
        )
        print(f"generated {args.count} pages in {time.perf_counter() - started:.1f} s")
    if args.reuse and article_count(env) >= args.count:
        print("reusing the imported database")
        return {}
    recreate_database(args.server_url, name)
    started = time.perf_counter()
    manage("migrate", "--noinput", "-v0", env=env)
    migrate_seconds = time.perf_counter() - started
    started = time.perf_counter()
    manage("import_articles", str(corpus), env=env, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "files": args.count,
        "migrate_seconds": round(migrate_seconds, 1),
        "import_seconds": round(seconds, 1),
        "files_per_second": round(args.count / seconds, 1),
        "peak_rss_mb": round(peak_rss_mb, 1),
    }


def page_targets(env: dict) -> dict[str, str]:
    """The pages to load, with parameters taken from the data (top leaders, busiest month)."""
    script = PROJECT / "benchmarks" / "targets.py"
    result = subprocess.run(
        [PYTHON, str(script)], cwd=PROJECT, env=env, check=True, text=True, capture_output=True
    )
    facts = json.loads(result.stdout)
    first, second = facts["top_people"][:2]
    pages = {
        "home": "/",
        "articles": "/articles/",
        **{f"search {q}": "/articles/?" + urlencode({"q": q}) for q in SEARCH_QUERIES},
        "two people": "/articles/?" + urlencode([("person", first), ("person", second)]),
        "facet-heavy filter": "/articles/?"
        + urlencode([("person", first), ("kind", "meeting"), ("date_after", "2000-01-01")]),
        "top person": f"/people/{quote(first)}/",
        "busiest month": f"/dates/{facts['busiest_month']}/",
    }
    return pages | {
        "export 10k rows": "/articles/export.csv?"
        + urlencode({"date_after": facts["export_since"]})
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    manage("collectstatic", "--noinput", "-v0", env=env)
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "archive.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def load(url: str, args: argparse.Namespace) -> dict:
    result = subprocess.run(
        [
            PYTHON,
            str(PROJECT / "benchmarks" / "load.py"),
            url,
            "--connections",
            str(args.connections),
            "--seconds",
            str(args.seconds),
        ],
        check=True,
        text=True,
        capture_output=True,
    )
    return json.loads(result.stdout)


def time_export(url: str) -> dict:
    """Time to first byte and to the end of a streamed export, and its size."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", f"{parts.path}?{parts.query}")
    response = connection.getresponse()
    first = response.read(1)
    first_byte = time.perf_counter() - started
    rest = response.read()
    total = time.perf_counter() - started
    rows = (first + rest).count(b"\n") - 1
    return {
        "status": response.status,
        "first_byte_ms": round(first_byte * 1000, 1),
        "total_ms": round(total * 1000, 1),
        "rows": rows,
        "errors": 0 if response.status == 200 else 1,
    }


def verdict(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def report(figures: dict, previous: dict | None) -> None:
    imported = figures.get("import")
    if imported:
        fps, rss = imported["files_per_second"], imported["peak_rss_mb"]
        print(
            f"\nimport: {imported['files']} files in {imported['import_seconds']} s "
            f"= {fps} files/s "
            f"[{verdict(fps >= TARGET_IMPORT_FILES_PER_SECOND)}], peak RSS {rss} MB "
            f"[{verdict(rss < TARGET_IMPORT_RSS_MB)}], migrate {imported['migrate_seconds']} s"
        )
    for key, title in (
        ("pages_rendered", "every page rendered (PAGE_CACHE=0)"),
        ("pages", "as deployed (whole pages cached until the archive changes)"),
    ):
        report_pages(title, figures[key], (previous or {}).get(key, {}))
    export = figures["export"]
    print(
        f"\nexport: {export['rows']} rows, first byte {export['first_byte_ms']} ms "
        f"[{verdict(export['first_byte_ms'] < TARGET_EXPORT_FIRST_BYTE_MS)}], "
        f"complete {export['total_ms']} ms, status {export['status']}"
    )


def report_pages(title: str, pages: dict, previous: dict) -> None:
    print(f"\n{title}\n{'page':38} {'rps':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'err':>5}  target")
    for name, page in pages.items():
        wants_rps = name == "articles" or name.startswith("search")
        ok = page["p95_ms"] < TARGET_P95_MS and page["errors"] == 0
        ok = ok and (page["rps"] >= TARGET_RPS or not wants_rps)
        before = previous.get(name)
        delta = f"  (was p95 {before['p95_ms']})" if before else ""
        print(
            f"{name[:38]:38} {page['rps']:8} {page['p50_ms']:7} {page['p95_ms']:7} "
            f"{page['p99_ms']:7} {page['errors']:5}  [{verdict(ok)}]{delta}"
        )


def main() -> int:
    args = parse_args()
    name = f"archive_bench_{args.count}"
    env = database_env(args.server_url, name)
    figures = {
        "count": args.count,
        "seed": args.seed,
        "connections": args.connections,
        "seconds": args.seconds,
        "import": build(args, env, name),
    }
    pages = page_targets(env)
    export_url = pages.pop("export 10k rows")
    # Twice: every page rendered for every request (PAGE_CACHE=0; the facets, counts and
    # relevance windows cached after the first), then as deployed, whole pages cached.
    for key, page_cache in (("pages_rendered", "0"), ("pages", "1")):
        server, base = serve(env | {"PAGE_CACHE": page_cache}, args.workers)
        try:
            figures[key] = {label: load(base + path, args) for label, path in pages.items()}
            if page_cache == "1":
                figures["export"] = time_export(base + export_url)
        finally:
            server.terminate()
            server.wait(timeout=30)
    RESULTS.mkdir(parents=True, exist_ok=True)
    latest = RESULTS / f"latest-{args.count}.json"
    previous = json.loads(latest.read_text()) if latest.exists() else None
    report(figures, previous)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for path in (RESULTS / f"{stamp}-{args.count}.json", latest):
        path.write_text(json.dumps(figures, indent=2))
    print(f"\nfigures written to {latest}")
    loaded = [*figures["pages_rendered"].values(), *figures["pages"].values()]
    failed = sum(page["errors"] for page in loaded) + figures["export"]["errors"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
