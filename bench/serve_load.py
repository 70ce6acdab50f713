"""`crosscheck serve` under load: p50/p95 latency and errors of the story list and story pages
with 10k stories in the database and 50 concurrent clients.

    .venv/bin/python bench/serve_load.py [--stories 10000] [--clients 50] [--requests 3000]
                                         [--max-seconds 180] [--work DIR [--reuse]]

The database is synthetic, written through the store's own functions (tests/serve_helpers):
each story has three articles from three outlets, two of them compared (12 claims each, one
verdict per claim pair, number conflicts where the numbers differ) and the third a copy. The
server is a real `crosscheck serve` process on 127.0.0.1 (read-only); the clients are
asyncio tasks with httpx in this process, each sending its next request as soon as the last
one is answered (a closed loop: 50 clients means 50 requests in flight at all times). The
loop is bounded by --requests and --max-seconds. Everything is written under --work (a
temporary folder by default). Targets: p95 <= 100 ms for a story page, zero errors.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from crosscheck.model import Article  # noqa: E402
from crosscheck.store import open_store  # noqa: E402
from tests.serve_helpers import Story, write_stories  # noqa: E402

HOST = "127.0.0.1"  # never anything else: this bench must not reach another machine
_THINGS = ["pirates", "passengers", "rifles", "boats", "officers", "votes", "homes", "trees",
           "workers", "patients", "flights", "students"]
_PLACES = ["Aden", "Lagos", "Mumbai", "Lima", "Oslo", "Perth", "Quito", "Riga", "Tunis", "Hanoi"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _sentences(rng: random.Random, topic: str, place: str) -> list[str]:
    return [f"Officials in {place} said {rng.randint(2, 400)} {rng.choice(_THINGS)} were "
            f"involved in the {topic} on {rng.choice(_DAYS)}." for _ in range(12)]


def _story(index: int, rng: random.Random) -> Story:
    topic = f"{rng.choice(_THINGS)} incident number {index}"
    place = rng.choice(_PLACES)
    base = _sentences(rng, topic, place)
    # The second outlet repeats most sentences and changes some numbers: conflicts.
    other = [s if rng.random() < 0.7 else s.replace(s.split()[4], str(rng.randint(2, 400)), 1)
             for s in base]
    day = f"20{10 + index % 12:02d}-{1 + index % 12:02d}-{1 + index % 28:02d}"
    first = Article.create(" ".join(base), title=f"{place}: {topic}", source="wire.example",
                           published=day, origin="bench")
    second = Article.create(" ".join(other), title=f"{topic.capitalize()} in {place}",
                            source=f"paper{index % 40}.example", published=day, origin="bench")
    copy = Article.create(first.text + " (Syndicated.)", title=first.title,
                          source=f"copy{index % 25}.example", published=day, origin="bench")
    return Story(f"story_{index:016x}", [first, second], [(copy, first.id)])


def build_database(path: Path, stories: int) -> list[str]:
    rng = random.Random(6)
    conn = open_store(path)
    ids = []
    try:
        for start in range(0, stories, 500):
            batch = [_story(i, rng) for i in range(start, min(stories, start + 500))]
            write_stories(conn, batch)
            ids += [s.id for s in batch]
    finally:
        conn.close()
    return ids


def stored_ids(path: Path) -> list[str]:
    """The story ids of a database an earlier run built, in the order it wrote them."""
    conn = open_store(path, create=False)
    try:
        return [row[0] for row in conn.execute("SELECT id FROM stories ORDER BY id")]
    finally:
        conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "crosscheck.cli", "serve", "--db", str(db),
                                "--host", HOST, "--port", str(port), "--workers", str(workers)],
                               env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode() if process.stderr else ""
            raise SystemExit(f"the server exited: {error}")
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start within 60 s")


class _Connection:
    """One keep-alive HTTP/1.1 connection. A minimal client on purpose: the clients share the
    machine with the server, and a full client library would spend more CPU per request than
    the pages being measured, inflating every latency."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        if self.streams is None:
            self.streams = await asyncio.open_connection(HOST, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        await reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def load(port: int, paths: list[tuple[str, str]], clients: int, max_seconds: float,
               think: float = 0.0) -> dict[str, tuple[list[float], int]]:
    """Send ``paths`` ((kind, path) pairs) from ``clients`` concurrent clients, each waiting
    ``think`` seconds after an answer before its next request (0: a closed loop at full
    speed); per kind the latencies (seconds) and errors (non-200 answers, failed requests)."""
    results: dict[str, tuple[list[float], int]] = {kind: ([], 0) for kind, _ in paths}
    queue = list(reversed(paths))
    deadline = time.monotonic() + max_seconds

    async def client(number: int) -> None:
        connection = _Connection(port)
        await asyncio.sleep(think * number / clients)  # users do not all start at once
        while queue and time.monotonic() < deadline:
            kind, path = queue.pop()
            started = time.perf_counter()
            try:
                ok = await connection.get(path) == 200
            except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration):
                ok = False
                connection.close()
            latencies, errors = results[kind]
            latencies.append(time.perf_counter() - started)
            results[kind] = (latencies, errors + (not ok))
            if think:
                await asyncio.sleep(think)
        connection.close()

    await asyncio.gather(*(client(n) for n in range(clients)))
    return results


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000, help="in all, per run")
    parser.add_argument("--max-seconds", type=float, default=180)
    parser.add_argument("--think", type=float, nargs="+", default=[0.0, 1.0],
                        help="seconds a client waits between requests; one run per value "
                             "(0: closed loop, as fast as answers come)")
    parser.add_argument("--server-workers", type=int, default=1,
                        help="`crosscheck serve --workers`: server processes")
    parser.add_argument("--work", type=Path, help="folder for the database (default: temporary)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep a database --work already holds (built with the same "
                             "--stories) instead of building it again (a minute or more)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-load-") as temp:
        work = args.work or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        db = work / "load.db"
        started = time.perf_counter()
        ids = stored_ids(db) if args.reuse and db.is_file() else []
        if len(ids) != args.stories:
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            ids = build_database(db, args.stories)
        built = time.perf_counter() - started
        print(f"database: {len(ids)} stories, {3 * len(ids)} articles, "
              f"{db.stat().st_size / 2**20:.0f} MiB, ready in {built:.0f} s")
        port = _free_port()
        server = start_server(db, port, args.server_workers)
        try:
            run(port, ids, args, server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux /proc; None elsewhere): the server's cost
    per request, which other load on the machine does not change the way it changes latency."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(port: int, ids: list[str], args: argparse.Namespace, server_pid: int) -> None:
    rng = random.Random(7)
    kinds = [("story list", lambda: "/"),
             ("story list, page 40", lambda: "/?page=40"),
             ("story page", lambda: f"/stories/{rng.choice(ids)}"),
             ("search (FTS5)", lambda: f"/?q={rng.choice(_PLACES)}+{rng.choice(_THINGS)}")]
    weights = [0.3, 0.1, 0.5, 0.1]
    asyncio.run(load(port, [(k, make()) for k, make in rng.choices(kinds, weights, k=200)],
                     10, 60))  # warm-up: caches, connections
    for think in args.think:
        paths = [(kind, make()) for kind, make in rng.choices(kinds, weights, k=args.requests)]
        started, cpu_before = time.perf_counter(), _cpu_seconds(server_pid)
        client_before = time.process_time()
        results = asyncio.run(load(port, paths, args.clients, args.max_seconds, think))
        seconds, cpu_after = time.perf_counter() - started, _cpu_seconds(server_pid)
        client = time.process_time() - client_before
        done = sum(len(lat) for lat, _ in results.values())
        cpu = (f", server CPU {(cpu_after - cpu_before) / done * 1000:.1f} ms a request"
               if cpu_before is not None and cpu_after is not None and args.server_workers == 1
               else "")
        # The clients share the machine: their CPU is taken from the server's.
        cpu += f", clients' CPU {client / done * 1000:.1f} ms a request"
        print(f"\n{args.clients} concurrent clients, {think:g} s between a client's requests: "
              f"{done} requests in {seconds:.1f} s ({done / seconds:.0f} requests/s){cpu}; "
              f"{os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f}\n")
        print("| request | n | p50 ms | p95 ms | max ms | errors |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for kind, _ in kinds:
            latencies, errors = results.get(kind, ([], 0))
            if latencies:
                p50, p95 = statistics.median(latencies), _percentile(latencies, 95)
                print(f"| {kind} | {len(latencies)} | {p50 * 1000:.1f} | {p95 * 1000:.1f} | "
                      f"{max(latencies) * 1000:.0f} | {errors} |")


if __name__ == "__main__":
    main()
