"""Recompute the mtcr_category column of data/systems.csv from payload, range and range basis.

Run after editing a system's figures (tests/test_data.py fails until you do):
    .venv/bin/python -m refresh.fill_mtcr_category
"""
import csv
from dronediplomacy.mtcr import mtcr_category
p="data/systems.csv"; rows=list(csv.DictReader(open(p,encoding="utf-8")))
f=lambda v: float(v) if v.strip() else None
for r in rows: r["mtcr_category"]=mtcr_category(f(r["payload_kg"]), f(r["range_km"]), r["range_basis"] or None)
w=csv.DictWriter(open(p,"w",encoding="utf-8",newline=""),fieldnames=list(rows[0]),lineterminator="\n"); w.writeheader(); w.writerows(rows)
