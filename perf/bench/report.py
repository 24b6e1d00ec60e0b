#!/usr/bin/env python3
"""Summarise scripts/bench rounds: a text table on stdout, markdown to --out.

Per server, over its rounds: median CPU us per answered query (the server's
utime+stime / dnsperf's "Queries completed"), its ratio to the echo floor's
median (the echo asked by the same clients, as the rounds' clients column
says: echo-ecs for the servers asked by the eight ECS streams), median busy time of the server core per query (includes softirq
packet work and anything else on that core), median average latency, total
lost queries, median achieved QPS.
"""
import argparse
import csv
import datetime
import os
import platform
import statistics

ORDER = ["echo", "echo-ecs", "gdnsd", "nsd", "knot", "meridian", "meridian-ecs", "meridian-routed"]


def steal_pct(r):
    return 100 * int(r["steal_ticks"]) / float(r["clk_tck"]) / float(r["seconds"])


def routing_lines(median):
    """What routing policies cost Meridian per query: against the static zone asked by the same clients, and by one plain stream."""
    routed, same, plain = (median.get(n) for n in ("meridian-routed", "meridian-ecs", "meridian"))
    lines = []
    if routed and same:
        lines.append(f"routing: meridian-routed / meridian-ecs = {routed / same:.3f} (the same eight ECS client streams)")
    if routed and plain:
        lines.append(f"routing and clients: meridian-routed / meridian = {routed / plain:.3f}"
                     " (eight ECS streams against one plain stream)")
    return lines


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", required=True)
    ap.add_argument("--skips", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--versions", default="")
    ap.add_argument("--command", default="scripts/bench")
    ap.add_argument("--params", default="")
    args = ap.parse_args()

    with open(args.rounds) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    skips = []
    if os.path.exists(args.skips):
        with open(args.skips) as f:
            skips = [line.rstrip("\n").split("\t") for line in f if line.strip()]

    per = {}
    for r in rows:
        hz = float(r["clk_tck"])
        done = int(r["completed"])
        r["us"] = int(r["cpu_ticks"]) * 1e6 / hz / done if done else None
        r["core_us"] = int(r["core_ticks"]) * 1e6 / hz / done if done else None
        r["lat_us"] = float(r["latency_s"]) * 1e6
        per.setdefault(r["server"], []).append(r)

    summary = []
    for name in sorted(per, key=lambda n: ORDER.index(n) if n in ORDER else 99):
        rs = per[name]
        us = [r["us"] for r in rs if r["us"] is not None]
        flags = sorted({f for r in rs for f in r["status"].split(",") if f != "ok"})
        other = sorted({r["other_rcodes"] for r in rs if r["other_rcodes"] != "-"})
        summary.append({
            "server": name,
            "clients": rs[0]["clients"],
            "rounds": len(rs),
            "us": statistics.median(us) if us else None,
            "us_min": min(us) if us else None,
            "us_max": max(us) if us else None,
            "core_us": statistics.median([r["core_us"] for r in rs if r["core_us"] is not None] or [0]),
            "lat_us": statistics.median([r["lat_us"] for r in rs]),
            "lost": sum(int(r["lost"]) for r in rs),
            "sent": sum(int(r["lost"]) + int(r["completed"]) for r in rs),
            "qps": statistics.median([float(r["qps"]) for r in rs]),
            "nx": statistics.median([float(r["nxdomain_pct"]) for r in rs]),
            "notes": ", ".join(flags + [f"rcodes {o}" for o in other]),
        })
    median = {s["server"]: s["us"] for s in summary}
    # The floor for each server is the echo asked by the same clients (echo, echo-ecs).
    floors = {s["clients"]: s["us"] for s in summary if s["server"] in ("echo", "echo-ecs")}
    clients = {s["server"]: s["clients"] for s in summary}
    for s in summary:
        floor = floors.get(s["clients"])
        s["ratio"] = s["us"] / floor if floor and s["us"] else None

    head = ["server", "clients", "CPU us/query", "x echo", "avg latency us", "lost", "QPS", "NXDOMAIN %", "notes"]
    table = []
    for s in summary:
        lost = f"{s['lost']} ({100 * s['lost'] / s['sent']:.2f}%)" if s["sent"] else "-"
        spread = (f" ({s['us_min']:.2f}-{s['us_max']:.2f})" if s["rounds"] > 1 and s["us"] is not None else "")
        table.append([s["server"], s["clients"], fmt(s["us"], ".2f") + spread, fmt(s["ratio"], ".2f"),
                      fmt(s["lat_us"], ".0f"), lost, fmt(s["qps"], ".0f"), fmt(s["nx"], ".1f"), s["notes"]])
    for sk in skips:  # servers that did not run (at all, or in some round)
        name, rnd, why = (sk + ["", "", ""])[:3]
        label = why if rnd == "-" else f"round {rnd}: {why}"
        table.append([name, clients.get(name, "-"), "-", "-", "-", "-", "-", "-", label])

    # ---- text table -----------------------------------------------------------
    widths = [max(len(str(x)) for x in col) for col in zip(head, *table)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()
    print()
    print(line(head))
    print(line(["-" * w for w in widths]))
    for row in table:
        print(line(row))
    print()
    for text in routing_lines(median):
        print(text)
    print("CPU us/query: median over rounds (min-max) of the server's utime+stime / answered queries.")

    # ---- markdown ---------------------------------------------------------------
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    md = [
        "# scripts/bench results",
        "",
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- command: `{args.command}`",
        f"- parameters: {args.params}",
        f"- machine: {platform.node()}, {os.cpu_count()} CPUs ({cpu}), Linux {platform.release()}",
        "- servers: " + "; ".join(v.replace("=", ": ", 1) for v in args.versions.split(";") if v),
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" if i in (0, len(head) - 1) else "---:" for i in range(len(head))) + "|",
    ]
    md += ["| " + " | ".join(str(c) for c in row) + " |" for row in table]
    md += [""] + [f"- {text}" for text in routing_lines(median)]
    md += [
        "",
        "- **clients**: 1 = one dnsperf stream of plain queries; 8 ECS = eight dnsperf streams at an"
        " eighth of the rate each, every stream with EDNS Client Subnet from its own /24 (dnsperf sends"
        " one fixed option per process), as meridian-routed is asked. Eight client sockets cost any"
        " server's kernel more per query than one (compare echo-ecs with echo), so these rows are"
        " compared with echo-ecs.",
        "- **CPU us/query**: the server's utime+stime (all processes and threads, from /proc/PID/stat)"
        " during the measured dnsperf run, divided by the queries dnsperf saw answered; median of the"
        " rounds, (min-max) in brackets. The kernel keeps this time precisely (and without the"
        " hypervisor's steal) but prints it in clock ticks (10 ms): at 50k QPS for 10 s a server"
        " uses about 5 s of CPU, so the rounding is 0.2%.",
        "- **x echo**: ratio to the median of the kernel-only UDP echo floor (perf/echo/udp_echo.c)."
        " The floor itself varies by a few % between rounds on a VM: read ratios to about +-0.05.",
        "- **avg latency**: median over rounds of dnsperf's average latency. It is dominated by"
        " scheduling jitter on the VM (see steal % below), not by the servers.",
        "- **lost**: total over rounds; in practice datagrams dropped on the server's full receive"
        " queue while its core was stalled (socket drops below). Each server keeps its own default"
        " buffer size; the echo asks for 4 MB.",
        "- **NXDOMAIN %**: share of answers; the query file asks 10% NXDOMAIN names.",
        "- **notes** (any round): busy-core = the server core was much busier than the server itself;"
        " busy-machine = the machine was busy before the run and did not settle within 60 s;"
        " steal = the hypervisor took over 10% of the server's or dnsperf's core;"
        " rate-not-met = under 95% of the offered QPS; unpinned, wrong-answers, wrong-process, died."
        " Flagged rounds are suspect: rerun on a quiet machine.",
        "- Every server is pinned to one core and dnsperf to the other; all threads are re-pinned"
        " after start and checked before and after each run (Knot pins a UDP worker to CPU 0 otherwise).",
        "- Response sizes differ by design: gdnsd answers a CNAME without its in-zone target's records;"
        " Knot and NSD (minimal-responses) add them.",
        "",
        "## Rounds",
        "",
        "Core us/query: busy ticks of the server core (user+system+irq+softirq in /proc/stat) per"
        " answered query. It is tick-sampled, so it reads lower than the per-process time; it is"
        " here to spot other load on the core. Socket drops: UDP datagrams dropped machine-wide on"
        " full receive queues during the run (/proc/net/snmp RcvbufErrors). Steal %: time the"
        " hypervisor took from the server core.",
        "",
        "| server | round | CPU us/query | core us/query | answered | lost | socket drops | QPS"
        " | avg latency us | NXDOMAIN % | response bytes | steal % | status |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name in [s["server"] for s in summary]:
        for r in per[name]:
            md.append(f"| {name} | {r['round']} | {fmt(r['us'], '.2f')} | {fmt(r['core_us'], '.2f')} | "
                      f"{r['completed']} | {r['lost']} | {r['rcvbuf_drops']} | {float(r['qps']):.0f} | "
                      f"{r['lat_us']:.0f} | {r['nxdomain_pct']} | {r['response_bytes']} | "
                      f"{steal_pct(r):.1f} | {r['status']} |")
    with open(args.out, "w") as f:
        f.write("\n".join(md) + "\n")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
