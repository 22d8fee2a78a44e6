#!/usr/bin/env python3
"""Pods that found no node while arrivals were at most 100 % of GPU capacity, per seed and policy, by class;
then what the cluster has left at that point: free cores and idle GPUs, in all and on the node types (model,
GPUs, cores) holding the most idle GPUs.

Usage: scripts/failed-pods.py PODS.csv PLACEMENTS.csv [NODES.csv]
PLACEMENTS.csv is what `sluice simulate fgd --placements` writes (seed,policy,pod,node,gpus, in arrival
order; an empty node is a pod that fitted nowhere). NODES.csv defaults to the openb GPU node list beside
PODS.csv. Classes: cpu (no GPU), share (part of one GPU), Ng (N whole GPUs), 8-GPU pods also by cores.
"failed by 95 %" counts the failed GPUs of pods that came while arrivals were at most 95 % of capacity.
The last table splits the idle GPU milli at that point into wholly idle GPUs and the leftovers of partly used
ones, with how many GPUs have each leftover (in steps of 50 milli).
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
    nodes = {n["sn"]: n for n in csv.DictReader(open(nodes_file))}
    capacity = sum(1000 * int(n["gpu"]) for n in nodes.values())
    runs = collections.defaultdict(list)
    for row in csv.DictReader(open(placements_file)):
        runs[(int(row["seed"]), row["policy"])].append(row)
    ends, leftovers = {}, {}
    print("seed  policy                 failed GPUs  failed by 95 %  failed pods by class")
    for (seed, policy), rows in sorted(runs.items()):
        requested, failed_milli, failed_early, failed = 0, 0, 0, collections.Counter()
        used = collections.defaultdict(lambda: [0, 0])  # node -> [CPU milli, GPU milli]
        taken = collections.defaultdict(lambda: collections.Counter())  # node -> GPU index -> milli
        for row in rows:
            pod = pods[re.sub(r"-tuned-\d+$", "", row["pod"])]  # clones drawn to reach 130 %
            milli = int(pod["num_gpu"]) * int(pod["gpu_milli"])
            requested += milli
            if requested > capacity:
                break
            if row["node"]:
                used[row["node"]][0] += int(pod["cpu_milli"])
                used[row["node"]][1] += milli
                for gpu in filter(None, row["gpus"].split("-")):
                    taken[row["node"]][int(gpu)] += int(pod["gpu_milli"])
            else:
                failed[pod_class(pod)] += 1
                failed_milli += milli
                failed_early += milli if requested <= 0.95 * capacity else 0
        classes = ", ".join(f"{k} {v}" for k, v in sorted(failed.items()))
        print(f"{seed:<5} {policy:<22} {failed_milli / 1000:>11.0f}  {failed_early / 1000:>14.0f}  {classes}")
        ends[(seed, policy)] = left_by_type(nodes, used)
        leftovers[(seed, policy)] = gpu_leftovers(nodes, taken)
    print()
    print("seed  policy                 free cores  idle GPUs  most idle GPUs on (type: idle GPUs, free cores)")
    for (seed, policy), by_type in sorted(ends.items()):
        cores = sum(c for c, _ in by_type.values())
        gpus = sum(g for _, g in by_type.values())
        top = sorted(by_type.items(), key=lambda kv: -kv[1][1])[:3]
        most = ", ".join(f"{t}: {g:.0f}, {c:.0f}" for t, (c, g) in top)
        print(f"{seed:<5} {policy:<22} {cores:>10.0f}  {gpus:>9.0f}  {most}")
    print()
    print("seed  policy                 wholly idle GPUs  idle in partly used  GPUs by leftover milli (from: count)")
    for (seed, policy), (whole, partly, steps) in sorted(leftovers.items()):
        counts = ", ".join(f"{step}: {count}" for step, count in sorted(steps.items()))
        print(f"{seed:<5} {policy:<22} {whole:>16}  {partly / 1000:>19.0f}  {counts}")


def gpu_leftovers(nodes, taken):
    """Wholly idle GPUs, the milli left on partly used ones, and how many of those per 50-milli step."""
    whole, partly, steps = 0, 0, collections.Counter()
    for name, node in nodes.items():
        for gpu in range(int(node["gpu"])):
            left = 1000 - taken[name][gpu]
            if left == 1000:
                whole += 1
            elif left > 0:
                partly += left
                steps[left // 50 * 50] += 1
    return whole, partly, steps


def left_by_type(nodes, used):
    """Free cores and idle GPUs per node type (model/GPUs/cores) given what each node's pods use."""
    left = collections.defaultdict(lambda: [0.0, 0.0])
    for name, node in nodes.items():
        cpu, milli = used.get(name, (0, 0))
        kind = f"{node['model']}/{node['gpu']}/{int(node['cpu_milli']) // 1000}"
        left[kind][0] += (int(node["cpu_milli"]) - cpu) / 1000
        left[kind][1] += (1000 * int(node["gpu"]) - milli) / 1000
    return left


if __name__ == "__main__":
    main(sys.argv[1:])
