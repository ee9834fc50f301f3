#!/usr/bin/env python3
"""Check Accord's fit against scikit-learn's LogisticRegression on the same features and split.

    target/pyref/bin/python tests/learn/reference.py LEADS.csv [--agreement A.json]
        [--holdout 0.3] [--seed 1] [--split random|time] [--l2 1] [--candidates yes|no]

The engine (`accord learn LEADS --features OUT.csv`) writes its design matrix (one column per
feature, then `split` and `outcome`) and prints its fit; this script fits scikit-learn's
LogisticRegression with C = 1/λ on the training rows of that same matrix and prints both holdout
ROC AUCs side by side. It exits with 1 when they differ by more than 0.01.

The engine binary is $ACCORD, else target/debug/accord (built by `cargo build --bin accord`
when missing).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

TOLERANCE = 0.01
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def engine_binary():
    exe = os.environ.get("ACCORD")
    if exe:
        return exe
    exe = os.path.join(ROOT, "target", "debug", "accord")
    if not os.path.exists(exe):
        subprocess.run(["cargo", "build", "--quiet", "--bin", "accord"], cwd=ROOT, check=True)
    return exe


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("leads")
    p.add_argument("--agreement")
    p.add_argument("--holdout", default="0.3")
    p.add_argument("--seed", default="1")
    p.add_argument("--split", default="random", choices=["random", "time"])
    p.add_argument("--l2", default="1")
    p.add_argument("--candidates", default="yes", choices=["yes", "no"])
    a = p.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        features = os.path.join(tmp, "features.csv")
        cmd = [engine_binary(), "learn", a.leads, "--features", features,
               "--holdout", a.holdout, "--seed", a.seed, "--split", a.split,
               "--l2", a.l2, "--candidates", a.candidates]
        if a.agreement:
            cmd += ["--agreement", a.agreement]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True)
        fit = json.loads(out.stdout)["fit"]
        with open(features, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    names = rows[0][:-2]
    x = np.array([[float(v) for v in r[:-2]] for r in rows[1:]], dtype=np.float64)
    held = np.array([r[-2] == "holdout" for r in rows[1:]])
    y = np.array([int(r[-1]) for r in rows[1:]])

    l2 = float(a.l2)
    model = LogisticRegression(C=1.0 / l2, solver="lbfgs", tol=1e-10, max_iter=100_000)
    model.fit(x[~held], y[~held])
    ours = fit["auc"]["model"]
    theirs = roc_auc_score(y[held], model.decision_function(x[held])) if held.any() else None
    engine_coef = np.array([f["coefficient"] for f in fit["features"]])
    coef_gap = float(np.max(np.abs(engine_coef - model.coef_[0]))) if len(names) else 0.0

    print(f"reference check: {a.leads}")
    print(f"  closed leads: train {int((~held).sum())}, holdout {int(held.sum())}; "
          f"{len(names)} features; C = 1/λ = {1.0 / l2:g}; split {a.split}, seed {a.seed}")
    if ours is None or theirs is None:
        print("  no holdout AUC (empty holdout, or one outcome only)")
        return 1
    print(f"  holdout AUC   engine (Newton, Rust)       {ours:.6f}")
    print(f"                scikit-learn {sklearn.__version__} (lbfgs)  {theirs:.6f}")
    print(f"  difference    {abs(ours - theirs):.6f} (at most {TOLERANCE})")
    print(f"  largest coefficient difference {coef_gap:.4f}; "
          f"intercepts {fit['intercept']:.4f} / {model.intercept_[0]:.4f}")
    print(f"  agreement AUCs on the holdout: current {fit['auc']['current']}, "
          f"suggested {fit['auc']['suggested']}")
    if abs(ours - theirs) > TOLERANCE:
        print("FAIL: the engine and scikit-learn disagree")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
