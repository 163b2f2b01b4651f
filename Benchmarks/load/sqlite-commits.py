"""The raw engine's durable-commit rate on this machine, as a reference for the intake benchmark: how many SQLite
transactions of one row (the shape of an intake: a request row and its audit entry) commit per second in WAL mode,
with synchronous = FULL (each commit on disk) and NORMAL (synced at checkpoints), one writer, in a fresh file in
the same folder the server's data goes to (TMPDIR). Python's sqlite3 module calls SQLite directly.
    python3 Benchmarks/load/sqlite-commits.py [seconds per mode, default 5]"""
import os
import sqlite3
import sys
import tempfile
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0


def rate(mode: str, rows_per_commit: int) -> float:
    folder = tempfile.mkdtemp(prefix="relais-sqlite-bench-")
    connection = sqlite3.connect(os.path.join(folder, "bench.sqlite"), isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute(f"PRAGMA synchronous = {mode}")
    connection.execute("CREATE TABLE requests (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("CREATE TABLE audit (sequence INTEGER PRIMARY KEY, hash TEXT)")
    body = "x" * 600
    commits = 0
    deadline = time.perf_counter() + SECONDS
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        connection.execute("BEGIN IMMEDIATE")
        for _ in range(rows_per_commit):
            connection.execute("INSERT INTO requests (body) VALUES (?)", (body,))
            connection.execute("INSERT INTO audit (hash) VALUES (?)", ("0" * 64,))
        connection.execute("COMMIT")
        commits += 1
    elapsed = time.perf_counter() - start
    connection.close()
    return commits / elapsed


print(f"SQLite {sqlite3.sqlite_version}, WAL, one writer, {SECONDS:.0f} s per line")
for mode in ("FULL", "NORMAL"):
    for rows in (1, 8):
        per_second = rate(mode, rows)
        print(f"synchronous = {mode:6}  {rows} intake(s) per commit: {per_second:8,.0f} commits/s "
              f"= {per_second * rows:8,.0f} intakes/s")
