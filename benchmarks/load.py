"""A small HTTP load generator: N keep-alive connections hammer one URL for a while.

Run as its own process (``python benchmarks/load.py URL --connections 8 --seconds 10``) so
that the client does not share an interpreter with the server it measures. Prints one JSON
object: requests, errors, requests per second and latency percentiles in milliseconds.
"""

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlsplit


def percentile(sorted_values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the sorted values fall (nearest rank)."""
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def hammer(url: str, deadline: float, latencies: list[float], errors: list[str]) -> None:
    """Request ``url`` over one keep-alive connection until ``deadline``."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            response.read()
            if response.status >= 400:
                errors.append(str(response.status))
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            errors.append(type(error).__name__)
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        latencies.append((time.perf_counter() - started) * 1000)
    connection.close()


def run_load(url: str, *, connections: int, seconds: float) -> dict:
    """Load ``url`` from ``connections`` threads for ``seconds``; return the figures."""
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=hammer, args=(url, deadline, latencies, errors))
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "rps": round(len(ordered) / elapsed, 1),
        "p50_ms": round(percentile(ordered, 0.50), 1),
        "p95_ms": round(percentile(ordered, 0.95), 1),
        "p99_ms": round(percentile(ordered, 0.99), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    print(json.dumps(run_load(args.url, connections=args.connections, seconds=args.seconds)))


if __name__ == "__main__":
    main()
