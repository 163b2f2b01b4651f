#!/usr/bin/env python3
"""Ten years of a busy situation table for the trends benchmark: N discussions (default 50,000) with 10 risk factors
each, written straight into a Relais database that already has the demo's agencies (the trends read counts only, so
no sealed text is needed). Usage:
    generate-table.py sqlite PATH/relais.sqlite [N]
    generate-table.py postgres postgres://user@host:port/db [N]
Factor codes are read from `relais table taxonomy export` (its CSV on standard input is not needed: the default list
is parsed from the binary given in RELAIS_BIN, or .build/release/relais)."""
import csv
import io
import os
import random
import sqlite3
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone

engine, target = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
binary = os.environ.get("RELAIS_BIN", ".build/release/relais")
taxonomy = subprocess.run([binary, "table", "taxonomy", "export"], capture_output=True, text=True, check=True).stdout
codes = [(row["factor_code"], row["category_code"]) for row in csv.DictReader(io.StringIO(taxonomy))]


def query(sql):
    if engine == "sqlite":
        connection = sqlite3.connect(target)
        rows = connection.execute(sql).fetchall()
        connection.close()
        return rows
    out = subprocess.run(["psql", target, "-At", "-F", "\t", "-c", sql], capture_output=True, text=True, check=True)
    return [tuple(line.split("\t")) for line in out.stdout.splitlines() if line]


agencies = query("SELECT organisation_id, sector FROM table_agencies")
random.seed(50000)
start = datetime.now(timezone.utc) - timedelta(days=3650)
situations, factors, assisting = [], [], []
subjects = ["individual"] * 6 + ["family", "group", "location"]
cohorts = ["0-5", "6-11", "12-17", "18-24", "25-29", "30-39", "40-59", "60+"]
genders = ["woman", "man", "man", "non_binary", "unknown"]
conclusions = ["risk_lowered"] * 4 + ["connected_to_services", "still_elevated", "refused_services",
                                       "moved_or_unreachable"]
reasons = ["not_elevated", "single_agency", "already_served", "insufficient_information"]
for index in range(count):
    opened = start + timedelta(seconds=random.randrange(3650 * 86400 - 30 * 86400))
    decided = opened + timedelta(days=random.randrange(1, 5))
    origin, origin_sector = random.choice(agencies)
    rejected = random.random() < 0.22
    identifier = str(uuid.uuid4()).upper() if engine == "sqlite" else str(uuid.uuid4())
    row = {
        "id": identifier, "reference": f"B{index:06d}", "originating_agency_id": origin,
        "originating_sector": origin_sector, "opened_at": opened, "opened_month": opened.strftime("%Y-%m"),
        "stage": "rejected" if rejected else "concluded", "decided_at": decided, "brought_at": decided,
        "subject": None if rejected else random.choice(subjects),
        "age_cohorts": None if rejected else random.choice(cohorts),
        "genders": None if rejected else random.choice(genders),
        "rejection_reason": random.choice(reasons) if rejected else None,
        "lead_agency_id": None, "lead_sector": None, "hours_to_intervention": None, "conclusion": None,
        "concluded_at": None, "identity_destroyed_at": decided,
    }
    if not rejected:
        lead, lead_sector = random.choice(agencies)
        row.update({"lead_agency_id": lead, "lead_sector": lead_sector,
                    "hours_to_intervention": random.choice([6, 20, 30, 47, 60, 100, 200, 400]),
                    "conclusion": random.choice(conclusions), "concluded_at": decided + timedelta(days=20)})
        for code, category in random.sample(codes, 10):
            factors.append((identifier, code, category))
    situations.append(row)

columns = list(situations[0].keys())


def value(item):
    if isinstance(item, datetime):
        return item.timestamp() if engine == "sqlite" else item.isoformat()
    return item


if engine == "sqlite":
    connection = sqlite3.connect(target)
    connection.executemany(
        f"INSERT INTO situations ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [tuple(value(row[c]) for c in columns) for row in situations])
    connection.executemany(
        "INSERT INTO situation_factors (situation_id, factor_code, category_code) VALUES (?, ?, ?)", factors)
    connection.commit()
    connection.execute("ANALYZE")
    connection.close()
else:
    def copy(table, names, rows):
        buffer = io.StringIO()
        for item in rows:
            buffer.write("\t".join("\\N" if v is None else str(value(v)) for v in item) + "\n")
        subprocess.run(["psql", target, "-q", "-c", f"COPY {table} ({', '.join(names)}) FROM STDIN"],
                       input=buffer.getvalue(), text=True, check=True)
    copy("situations", columns, [tuple(row[c] for c in columns) for row in situations])
    copy("situation_factors", ["situation_id", "factor_code", "category_code"], factors)
    subprocess.run(["psql", target, "-q", "-c", "ANALYZE"], check=True)
# The trends read counters that the stores keep with every save; rows written here count once recounted.
subprocess.run([binary, "table", "recount"], check=True, capture_output=True)
print(f"{count} discussions, {len(factors)} risk factors, counted")
