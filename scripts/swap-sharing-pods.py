#!/usr/bin/env python3
"""Writes an openb pod list with the sharing pods (one GPU, gpu_milli < 1000) of FILE_A and every other pod
of FILE_B, renamed openb-pod-00000...; to find which kind of pod makes two traces differ.
Usage: scripts/swap-sharing-pods.py FILE_A FILE_B OUT"""
import csv
import sys


def sharing(row):
    return row["num_gpu"] == "1" and int(row["gpu_milli"]) < 1000


def main(file_a, file_b, out):
    with open(file_a, newline="") as a, open(file_b, newline="") as b:
        rows_a, reader_b = list(csv.DictReader(a)), csv.DictReader(b)
        rows_b, columns = list(reader_b), reader_b.fieldnames
    rows = [r for r in rows_a if sharing(r)] + [r for r in rows_b if not sharing(r)]
    with open(out, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for i, row in enumerate(rows):
            writer.writerow({**row, "name": "openb-pod-%05d" % i})


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
