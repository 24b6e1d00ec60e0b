#!/usr/bin/env python3
"""Turn the bench zone's address names into Route 53 routed record sets, as a change batch.

Reads the zone gen_zone.py wrote and prints, as the aws cli's change-batch JSON, a batch that
replaces every plain A RRset of a host name with routed record sets holding the same addresses,
cycling through weighted, failover, multivalue, geolocation and latency routing. Every
candidate carries the same addresses, so a correct server still gives exactly the answers in
expect.txt, while each query walks a routing policy: scripts/bench compares the CPU per query
of this zone (queried with EDNS Client Subnet) with the static one.
"""
import argparse
import json
import re

# IP-based routing is left out: a CIDR collection gets its Id when created through the API, and
# the bench builds the zone offline with `meridian zone change`.
POLICIES = ["weighted", "failover", "multivalue", "geolocation", "latency"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zone", required=True)
    ap.add_argument("--origin", default="bench.meridian.test.")
    args = ap.parse_args()
    addresses = {}
    for line in open(args.zone):
        m = re.match(r"^(\S+)\s+IN\s+A\s+(\S+)$", line.strip())
        if m and not m.group(1).startswith(("*", "ns", "@")):
            addresses.setdefault(m.group(1), []).append(m.group(2))
    changes = []
    for i, (owner, values) in enumerate(sorted(addresses.items())):
        name = f"{owner}.{args.origin}"
        records = [{"Value": v} for v in values]
        changes.append({"Action": "DELETE", "ResourceRecordSet": {
            "Name": name, "Type": "A", "TTL": 3600, "ResourceRecords": records}})
        policy = POLICIES[i % len(POLICIES)]

        def routed(ident, extra, recs=records):
            s = {"Name": name, "Type": "A", "SetIdentifier": ident, "TTL": 3600, "ResourceRecords": recs}
            s.update(extra)
            changes.append({"Action": "CREATE", "ResourceRecordSet": s})

        if policy == "weighted":
            routed("blue", {"Weight": 1})
            routed("green", {"Weight": 3})
        elif policy == "failover":
            routed("main", {"Failover": "PRIMARY"})
            routed("standby", {"Failover": "SECONDARY"})
        elif policy == "multivalue":
            for k, r in enumerate(records):
                routed(f"v{k}", {"MultiValueAnswer": True}, [r])
        elif policy == "geolocation":
            routed("france", {"GeoLocation": {"CountryCode": "FR"}})
            routed("europe", {"GeoLocation": {"ContinentCode": "EU"}})
            routed("rest", {"GeoLocation": {"CountryCode": "*"}})
        else:
            routed("paris", {"Region": "eu-west-3"})
            routed("virginia", {"Region": "us-east-1"})
            routed("tokyo", {"Region": "ap-northeast-1"})
    print(json.dumps({"Comment": "scripts/bench routed zone", "Changes": changes}))


if __name__ == "__main__":
    main()
