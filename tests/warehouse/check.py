"""The SQL export checked on real engines: every lead's fit, interest, grade, status and
reasons from `accord sql` on DuckDB and PostgreSQL against the engine's own scored export
(`accord score`), for the default agreement, each preset, the default in combined-threshold mode
and an agreement that uses every condition the SQL writes; the BigQuery, Snowflake and Spark
texts parsed with sqlglot. Prints one line per check and `OK` last; exits 1 on any mismatch.

usage: check.py --accord BIN --out DIR [--rows 5000] [--seed 42]
                [--psql PSQL --pg-port PORT]   (without: PostgreSQL is not checked and the
                                                run fails, unless --no-postgres is given)
"""

import argparse
import copy
import csv
import json
import os
import struct
import subprocess
import sys
import time

import duckdb
import sqlglot
from sqlglot.errors import ErrorLevel

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PRESETS = os.path.join(ROOT, "crate", "agreement", "presets")
AS_OF = "2025-10-01"
COLUMNS = ["fit", "interest", "grade", "status", "reasons"]
KEY = "accord_row"


def f32(x):
    """The 32-bit float nearest x (as the engine holds scores)."""
    return struct.unpack("f", struct.pack("f", float(x)))[0]


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)}\n{r.stderr}")
    return r.stdout


def agreements():
    """name → agreement JSON (each with a fixed as_of, so that date rules agree)."""
    out = {}
    for name in ["b2b-software", "industrial", "services"]:
        with open(os.path.join(PRESETS, name + ".json"), encoding="utf-8") as f:
            out[name] = json.load(f)
    combined = copy.deepcopy(out["b2b-software"])
    combined["qualification"]["thresholds"].update(
        {"mode": "combined",
         "combined": {"weights": {"fit": 0.7, "interest": 0.3}, "mql": 45, "sql": 62}})
    out["b2b-software-combined"] = combined
    out["coverage"] = coverage(copy.deepcopy(out["b2b-software"]))
    for a in out.values():
        a["as_of"] = AS_OF
    return out


def coverage(a):
    """Every condition kind the SQL writes, decimals, negative totals, an odd grade scale, and
    a keyword that would break a query built by pasting text."""
    q = a["qualification"]
    q["fit"]["groups"].append({"name": "More", "cap": 12.5, "rules": [
        {"id": "it's -- tricky", "field": "job_title",
         "contains_any": ["o'brien'; DROP TABLE leads; --", "r&d", "e-commerce", "c++",
                          "Marketing"],
         "points": 3.3},
        {"id": "starts", "field": "job_title", "starts_with": ["Direct", "chief"], "points": 0.1},
        {"id": "no-industry", "field": "industry", "is_empty": True, "points": -7.25},
        {"id": "french", "field": "country", "equals_any": ["FRANCE", "Belgique"], "points": 4},
        {"id": "combo", "all_of": [
            {"field": "company_size", "at_most": 200},
            {"any_of": [{"field": "email", "domain_in": ["gmail.com", "helix.io"]},
                        {"field": "email", "free_mail": False}]}], "points": 2.5},
        {"id": "band-units", "field": "company_size", "per_unit": 0.01, "max": 9.99},
        {"id": "named", "field": "Owner", "is_empty": False, "points": 1},
        {"id": "missing", "field": "No Such Column", "equals_any": ["x"], "points": 50}]})
    q["interest"]["groups"].append({"name": "Recency", "cap": 30, "rules": [
        {"id": "new", "field": "create_date", "within_days": 60, "points": 11.11},
        {"id": "old", "field": "create_date", "older_than_days": 200, "points": -13.7},
        {"id": "opens", "field": "email_opens", "per_unit": 0.7, "max": 6.3},
        {"id": "activities", "field": "sales_activities", "at_least": 1, "points": 0.3},
        {"id": "not-role", "field": "email", "role_address": False, "points": 0.05}]})
    q["interest"]["groups"].append({"name": "Penalty", "cap": 5, "rules": [
        {"id": "lost", "field": "outcome", "equals_any": ["lost"], "points": -9}]})
    q["disqualify"].insert(0, {"id": "rival", "field": "email", "domain_in": ["vitwind.com"],
                            "reason": "Competitor's \"staff\" -- no"})
    q["fast_track"].append({"id": "pricing", "field": "recent_conversion",
                            "starts_with": ["pricing"]})
    q["grades"] = {"fit": {"Top": 80, "Mid": 33, "Low": 0},
                   "interest": {"hot": 90, "warm": 40, "warm2": 40, "cold": 0}}
    return a


def expected(accord, leads, agreement_file):
    text = run([accord, "score", leads, "--agreement", agreement_file, "--bom", "no", "--quiet"])
    rows = {}
    for r in csv.DictReader(text.splitlines(keepends=True)):
        rows[r[KEY]] = r
    return rows


def compare(label, want, got, quiet=False):
    """got: key → (fit, interest, grade, status, reasons). Returns the mismatch count."""
    bad = []
    if set(got) != set(want):
        bad.append(f"the leads differ: {len(want)} expected, {len(got)} returned")
    for key, w in want.items():
        g = got.get(key)
        if g is None:
            continue
        ok = (f32(w["fit"]) == f32(g[0]) and f32(w["interest"]) == f32(g[1])
              and w["grade"] == (g[2] or "") and w["status"] == g[3]
              and w["reasons"] == (g[4] or ""))
        if not ok:
            bad.append(f"lead {key}: engine {[w[c] for c in COLUMNS]} sql {list(g)}")
    for b in bad[:5] if not quiet else []:
        print(f"  {label}: {b}")
    return len(bad)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--accord", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--rows", type=int, default=5000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--psql")
    p.add_argument("--pg-port")
    p.add_argument("--no-postgres", action="store_true")
    o = p.parse_args()
    accord = o.accord
    os.makedirs(o.out, exist_ok=True)
    if not o.psql and not o.no_postgres:
        sys.exit("FAIL: no PostgreSQL given (--psql, --pg-port)")

    sample = os.path.join(o.out, "sample.csv")
    run([accord, "sample", "--rows", str(o.rows), "--seed", str(o.seed), "--out", sample])
    # A row number in front, so that each engine's rows are matched lead by lead; and a few
    # missing-value tokens, which the engine reads as empty cells, and cells with tabs, line
    # breaks and no-break spaces, in text columns.
    leads = os.path.join(o.out, "leads.csv")
    tokens = [("Industry", 97, "N/A"), ("Job Title", 89, "-- Select --"),
              ("Country", 83, "(blank)"), ("Job Title", 101, "VP\tSales"),
              ("Job Title", 103, "Head of\nMarketing "), ("Industry", 107, "\u00a0Software")]
    with open(sample, newline="", encoding="utf-8") as f, \
            open(leads, "w", newline="", encoding="utf-8") as g:
        w = csv.writer(g)
        header = []
        for i, row in enumerate(csv.reader(f)):
            if i == 0:
                header = row
            else:
                for name, every, token in tokens:
                    if name in header and i % every == 0:
                        row[header.index(name)] = token
            w.writerow([KEY if i == 0 else str(i)] + row)

    # The comparison itself must see a difference in any column.
    lead = {"fit": "35", "interest": "12.5", "grade": "B3", "status": "lead", "reasons": "x +1"}
    same = ("35", "12.5", "B3", "lead", "x +1")
    assert compare("self-test", {"1": lead}, {"1": same}) == 0
    for i, other in enumerate(["35.01", "12.49", "B4", "mql", "x +2"]):
        changed = list(same)
        changed[i] = other
        assert compare("self-test", {"1": lead}, {"1": changed}, quiet=True) == 1

    checks = failures = 0
    docs = agreements()
    files = {}
    for name, a in docs.items():
        files[name] = os.path.join(o.out, name + ".json")
        with open(files[name], "w", encoding="utf-8") as f:
            json.dump(a, f, ensure_ascii=False, indent=1)

    def sql(dialect, name, *extra):
        return run([accord, "sql", "--dialect", dialect, "--leads", leads, "--agreement",
                    files[name], "--table", "leads", "--without-activities", *extra])

    # DuckDB, in process.
    db = duckdb.connect()
    db.execute(run([accord, "sql", "--dialect", "duckdb", "--leads", leads, "--table", "leads",
                    "--ddl", "--keep", KEY]).split("\n\n")[0])
    db.execute(f"COPY leads FROM '{leads}' (HEADER, DELIMITER ',', QUOTE '\"')")
    pg = None
    if o.psql:
        pg = [o.psql, "-h", "127.0.0.1", "-p", str(o.pg_port), "-U", "postgres", "-d", "postgres",
              "-v", "ON_ERROR_STOP=1", "-q"]
        ddl = run([accord, "sql", "--dialect", "postgres", "--leads", leads, "--table", "leads",
                   "--ddl", "--keep", KEY]).split("\n\n")[0]
        run(pg + ["-c", "DROP TABLE IF EXISTS leads CASCADE"])
        run(pg + ["-c", ddl])
        run(pg + ["-c", f"\\copy leads FROM '{leads}' WITH (FORMAT csv, HEADER true)"])

    for name in docs:
        want = expected(accord, leads, files[name])
        # DuckDB
        t0 = time.time()
        db.execute(sql("duckdb", name, "--view", "leads_scored", "--keep", KEY))
        rows = db.execute(f'SELECT "{KEY}", fit, interest, grade, status, reasons '
                          "FROM leads_scored").fetchall()
        got = {str(int(r[0])): r[1:] for r in rows}
        n = compare(f"duckdb {name}", want, got)
        print(f"duckdb     {name:24} {len(got)} leads compared, {n} mismatches"
              f" ({time.time() - t0:.2f} s)")
        checks += 1
        failures += n > 0
        # PostgreSQL
        if pg:
            t0 = time.time()
            run(pg + ["-c", "DROP VIEW IF EXISTS leads_scored"])
            run(pg + ["-c", sql("postgres", name, "--view", "leads_scored", "--keep", KEY)])
            out = run(pg + ["--csv", "-c", f'SELECT "{KEY}", fit, interest, grade, status, '
                            "reasons FROM leads_scored"])
            got = {}
            for r in list(csv.reader(out.splitlines(keepends=True)))[1:]:
                got[str(int(float(r[0])))] = tuple(r[1:])
            n = compare(f"postgres {name}", want, got)
            print(f"postgres   {name:24} {len(got)} leads compared, {n} mismatches"
                  f" ({time.time() - t0:.2f} s)")
            checks += 1
            failures += n > 0
        # The dialects without a local engine: parsed.
        for dialect, reader in [("bigquery", "bigquery"), ("snowflake", "snowflake"),
                                ("spark", "spark"), ("duckdb", "duckdb"),
                                ("postgres", "postgres")]:
            text = sql(dialect, name, "--view", "accord.leads_scored")
            try:
                sqlglot.parse_one(text, read=reader, error_level=ErrorLevel.RAISE)
                print(f"sqlglot    {name:24} {dialect}: parsed")
            except Exception as e:  # noqa: BLE001 - any parse error fails the check
                print(f"FAIL: sqlglot could not parse the {dialect} text for {name}: {e}")
                failures += 1
            checks += 1

    print(f"{checks} checks, {failures} failed")
    if failures:
        sys.exit(1)
    print(f"PASSED {checks}")
    print("OK")


if __name__ == "__main__":
    main()
