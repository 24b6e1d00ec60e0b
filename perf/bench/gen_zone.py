#!/usr/bin/env python3
"""Generate the scripts/bench zone, query file and answer checks.

Everything is derived from --seed, so the same arguments always give
byte-identical files (the benchmark must be reproducible across machines).

Outputs in --out:
  bench.meridian.test.zone  RFC 1035 master file, $ORIGIN bench.meridian.test.
  queries.txt               dnsperf input ("name type" per line), shuffled:
                              ~85% names that exist (CNAMEs are asked for A,
                                   so servers must chase the alias in-zone),
                               10% NXDOMAIN names,
                                5% names matched by the wildcard *.wild
  expect.txt                a sample of queries with the rcode and answer
                            count a correct server gives ("name type rcode
                            ancount", ancount may be "1|3": either is
                            right); scripts/bench checks every server with
                            it before measuring, so a server that answers
                            fast but wrong (e.g. zone not loaded) is caught.
"""
import argparse
import os
import random

ORIGIN = "bench.meridian.test"
TTL = 3600
PREFIXES = ["www", "api", "mail", "host", "cdn", "app", "db", "edge", "vpn", "git"]
# name kinds and their share of the N names
KINDS = [("A", 40), ("AAAA", 15), ("DUAL", 10), ("CNAME", 15), ("MX", 10), ("TXT", 10)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=int, default=10000)
    ap.add_argument("--queries", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if args.names < 20:
        ap.error("--names must be at least 20")
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    # ---- names and their kinds -------------------------------------------
    total = sum(w for _, w in KINDS)
    kinds = []
    for kind, weight in KINDS:
        kinds += [kind] * round(args.names * weight / total)
    kinds = (kinds + ["A"] * args.names)[: args.names]  # fix rounding
    rng.shuffle(kinds)
    names = [f"{PREFIXES[i % len(PREFIXES)]}{i}" for i in range(args.names)]

    # records[name] = list of (type, rdata); answers[(name, qtype)] = ancount
    records = {}
    a_names = []  # names with at least one A record: CNAME and MX targets
    for name, kind in zip(names, kinds):
        rrs = []
        if kind in ("A", "DUAL"):
            # 1 in 5 A names has two addresses (round-robin sets)
            for _ in range(2 if rng.random() < 0.2 else 1):
                rrs.append(("A", f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"))
            a_names.append(name)
        if kind in ("AAAA", "DUAL"):
            rrs.append(("AAAA", f"2001:db8:{rng.randrange(65536):x}:{rng.randrange(65536):x}::{rng.randrange(1, 65536):x}"))
        if kind == "TXT":
            token = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randrange(16, 48)))
            rrs.append(("TXT", f'"v=bench1 id={token}"'))
        records[name] = (kind, rrs)
    for name, kind in zip(names, kinds):  # targets need the full A-name list
        if kind == "CNAME":
            records[name][1].append(("CNAME", rng.choice(a_names)))
        elif kind == "MX":
            records[name][1].append(("MX", f"10 {rng.choice(a_names)}"))
            if rng.random() < 0.5:
                records[name][1].append(("MX", f"20 {rng.choice(a_names)}"))

    def count(name, qtype):
        return sum(1 for t, _ in records[name][1] if t == qtype)

    # ---- zone file ---------------------------------------------------------
    zone_path = os.path.join(args.out, f"{ORIGIN}.zone")
    with open(zone_path, "w") as z:
        z.write(f"$ORIGIN {ORIGIN}.\n$TTL {TTL}\n")
        z.write(f"@ IN SOA ns1 hostmaster 2026112201 7200 3600 1209600 {TTL}\n")
        z.write("@ IN NS ns1\n@ IN NS ns2\n")
        z.write("@ IN MX 10 mail0\n")
        z.write("ns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n")
        z.write("*.wild IN A 192.0.2.53\n*.wild IN AAAA 2001:db8::53\n")
        for name in names:
            for rtype, rdata in records[name][1]:
                z.write(f"{name} IN {rtype} {rdata}\n")

    # ---- queries -------------------------------------------------------------
    def existing_query():
        name = rng.choice(names)
        kind, rrs = records[name]
        if kind == "DUAL":
            kind = rng.choice(["A", "AAAA"])
        if kind == "CNAME":
            # Knot and NSD add the in-zone target's records (1 + N answers);
            # gdnsd 3 answers with the CNAME alone. Both are correct.
            target = rrs[0][1]
            return name, "A", "NOERROR", f"1|{1 + count(target, 'A')}"
        return name, kind, "NOERROR", count(name, kind)

    def nxdomain_query():
        # "nx-" is never used by the generator, and it is not under *.wild
        return f"nx-{rng.randrange(10**9)}", rng.choice(["A", "AAAA"]), "NXDOMAIN", 0

    def wildcard_query():
        label = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(4, 12)))
        return f"{label}.wild", rng.choice(["A", "A", "AAAA"]), "NOERROR", 1

    n_nx = args.queries * 10 // 100
    n_wild = args.queries * 5 // 100
    queries = [nxdomain_query() for _ in range(n_nx)]
    queries += [wildcard_query() for _ in range(n_wild)]
    queries += [existing_query() for _ in range(args.queries - n_nx - n_wild)]
    rng.shuffle(queries)

    with open(os.path.join(args.out, "queries.txt"), "w") as q:
        for name, qtype, _, _ in queries:
            q.write(f"{name}.{ORIGIN} {qtype}\n")

    # ---- answer checks: the apex, then a sample covering every kind -----------
    sample = [(f"{ORIGIN}.", "SOA", "NOERROR", 1), (f"{ORIGIN}.", "NS", "NOERROR", 2)]
    per_kind = {}
    for name, qtype, rcode, an in queries:
        key = ("NX" if rcode == "NXDOMAIN" else "WILD" if name.endswith(".wild")
               else records[name][0] + qtype)
        if per_kind.setdefault(key, 0) < 4:
            per_kind[key] += 1
            sample.append((f"{name}.{ORIGIN}.", qtype, rcode, an))
    with open(os.path.join(args.out, "expect.txt"), "w") as e:
        e.write("# name type rcode ancount (generated by perf/bench/gen_zone.py)\n")
        for row in sample:
            e.write(" ".join(map(str, row)) + "\n")

    n_rr = sum(len(rrs) for _, rrs in records.values()) + 9
    print(f"zone {zone_path}: {args.names} names, {n_rr} records; "
          f"{len(queries)} queries ({n_nx} NXDOMAIN, {n_wild} wildcard), {len(sample)} checks")


if __name__ == "__main__":
    main()
