#!/usr/bin/env python3
"""Pods that found no node while arrivals were at most 100 % of GPU capacity, per seed and policy, by class.

Usage: scripts/failed-pods.py PODS.csv PLACEMENTS.csv [NODES.csv]
PLACEMENTS.csv is what `sluice simulate fgd --placements` writes (seed,policy,pod,node,gpus, in arrival
order; an empty node is a pod that fitted nowhere). NODES.csv defaults to the openb GPU node list beside
PODS.csv. Classes: cpu (no GPU), share (part of one GPU), Ng (N whole GPUs), 8-GPU pods also by cores.
"""
import collections
import csv
import os
import re
import sys


def pod_class(pod):
    gpus, milli = int(pod["num_gpu"]), int(pod["gpu_milli"])
    if gpus == 0:
        return "cpu"
    if milli < 1000:
        return "share"
    return f"{gpus}g/{int(pod['cpu_milli']) // 1000}c" if gpus == 8 else f"{gpus}g"


def main(args):
    if len(args) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[2])
    pods_file, placements_file = args[0], args[1]
    nodes_file = args[2] if len(args) == 3 else os.path.join(os.path.dirname(pods_file), "openb_node_list_gpu_node.csv")
    pods = {p["name"]: p for p in csv.DictReader(open(pods_file))}
    capacity = sum(1000 * int(n["gpu"]) for n in csv.DictReader(open(nodes_file)))
    runs = collections.defaultdict(list)
    for row in csv.DictReader(open(placements_file)):
        runs[(int(row["seed"]), row["policy"])].append(row)
    print("seed  policy                 failed GPUs  failed pods by class")
    for (seed, policy), rows in sorted(runs.items()):
        requested, failed_milli, failed = 0, 0, collections.Counter()
        for row in rows:
            pod = pods[re.sub(r"-tuned-\d+$", "", row["pod"])]  # clones drawn to reach 130 %
            requested += int(pod["num_gpu"]) * int(pod["gpu_milli"])
            if requested > capacity:
                break
            if not row["node"]:
                failed[pod_class(pod)] += 1
                failed_milli += int(pod["num_gpu"]) * int(pod["gpu_milli"])
        classes = ", ".join(f"{k} {v}" for k, v in sorted(failed.items()))
        print(f"{seed:<5} {policy:<22} {failed_milli / 1000:>11.0f}  {classes}")


if __name__ == "__main__":
    main(sys.argv[1:])
