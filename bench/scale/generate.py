#!/usr/bin/env python3
"""Synthesises a larger Online Retail: N customers, each a resampled copy of a real customer's transactions under a new id.

    /usr/bin/python3 bench/scale/generate.py --customers 40000 --out /tmp/retail-40k.csv.gz [--seed 42]

Customers of the shipped file (those with a customer id) are drawn with replacement; every draw copies all of that
customer's rows (invoices, returns, dates, products, country) with a new customer id and new invoice numbers, so each
synthetic customer has a real purchase history and the cleaning rules and features behave as on the real data. Rows
without a customer id are not copied (the cleaning drops them anyway). The ids start at 100000 and the invoice numbers
keep the cancellation prefix C. The output has the input's header and is written in chunks, so memory stays bounded by
one chunk of rows (about 125 rows per customer on this data: 40k customers ~ 5 M rows, 400k ~ 50 M, 2M ~ 250 M).
Requires /usr/bin/python3 with Debian's python3-pandas and python3-numpy.
"""
import argparse
import gzip

import numpy as np
import pandas as pd


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--input", default="data/online_retail.csv.gz")
    p.add_argument("--customers", type=int, required=True)
    p.add_argument("--out", required=True, help=".csv.gz (or .csv) to write")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--chunk", type=int, default=20000, help="synthetic customers per written chunk")
    a = p.parse_args()
    if a.customers < 1:
        p.error("--customers must be at least 1")

    df = pd.read_csv(a.input, dtype=str, keep_default_na=False)
    df = df[df["CustomerID"] != ""]
    groups = {cid: rows.to_numpy() for cid, rows in df.groupby("CustomerID", sort=True)}
    ids = np.array(sorted(groups))
    columns = list(df.columns)
    invoice_col, customer_col = columns.index("InvoiceNo"), columns.index("CustomerID")
    rng = np.random.default_rng(a.seed)
    opener = gzip.open if a.out.endswith(".gz") else open
    next_invoice = 1_000_000
    with opener(a.out, "wt", newline="") as out:
        out.write(",".join(columns) + "\n")
        for start in range(0, a.customers, a.chunk):
            parts = []
            for offset, source in enumerate(rng.choice(ids, size=min(a.chunk, a.customers - start))):
                rows = groups[source].copy()
                # New invoice numbers per copied invoice, the cancellation prefix kept.
                invoices, inverse = np.unique(rows[:, invoice_col], return_inverse=True)
                renumbered = np.array([("C" if inv.startswith("C") else "") + str(next_invoice + i) for i, inv in enumerate(invoices)], dtype=object)
                next_invoice += len(invoices)
                rows[:, invoice_col] = renumbered[inverse]
                rows[:, customer_col] = str(100000 + start + offset)
                parts.append(rows)
            chunk = pd.DataFrame(np.concatenate(parts), columns=columns)
            chunk.to_csv(out, header=False, index=False)


if __name__ == "__main__":
    main()
