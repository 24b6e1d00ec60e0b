#!/usr/bin/env python3
"""Tiny UDP DNS client for scripts/bench (standard library only).

  dnsprobe.py ready PORT TIMEOUT [--any]
      Wait until 127.0.0.1:PORT answers an SOA query for the bench zone with
      NOERROR and an answer (--any: any response with QR set, for the echo
      floor). Exit 0 when it does; on timeout exit 3 if the server answered
      something else (zone not loaded, wrong data), 1 if it never answered.

  dnsprobe.py check PORT EXPECT_FILE
      Send every query of EXPECT_FILE ("name type rcode ancount") and compare
      rcode and answer count (ancount may list alternatives: "1|3"). Prints mismatches; exit 1 if there are any.

Only ever talks to 127.0.0.1.
"""
import random
import socket
import struct
import sys
import time

TYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "MX": 15, "TXT": 16, "AAAA": 28}
RCODES = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}
ZONE = "bench.meridian.test."


def query(sock, port, name, qtype, timeout):
    qid = random.randrange(65536)
    qname = b"".join(bytes([len(label)]) + label.encode() for label in name.rstrip(".").split(".")) + b"\0"
    msg = struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 0) + qname + struct.pack(">HH", TYPES[qtype], 1)
    sock.settimeout(timeout)
    sock.sendto(msg, ("127.0.0.1", port))
    deadline = time.monotonic() + timeout
    while True:
        sock.settimeout(max(0.001, deadline - time.monotonic()))
        data, _ = sock.recvfrom(65535)
        if len(data) >= 12 and struct.unpack(">H", data[:2])[0] == qid:
            _, flags, _, ancount, _, _ = struct.unpack(">HHHHHH", data[:12])
            return flags, ancount


def ready(port, timeout, any_answer):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # Connected, so a port nobody listens on yet refuses at once (ICMP) instead of timing out: the
    # moment a server starts answering is seen within ~20 ms (start-up times are measured by it).
    sock.connect(("127.0.0.1", port))
    end = time.monotonic() + timeout
    responding = False
    while time.monotonic() < end:
        try:
            flags, ancount = query(sock, port, ZONE, "SOA", 0.2)
            if flags & 0x8000:
                if any_answer or (flags & 0xF == 0 and ancount >= 1):
                    return 0
                responding = True  # e.g. SERVFAIL while the zone still loads
        except (socket.timeout, ConnectionRefusedError, OSError):
            pass
        time.sleep(0.02)
    return 3 if responding else 1


def check(port, expect_file):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    bad = total = 0
    for line in open(expect_file):
        if not line.strip() or line.startswith("#"):
            continue
        name, qtype, rcode, ancount = line.split()
        total += 1
        try:
            flags, got_an = query(sock, port, name, qtype, 2.0)
        except socket.timeout:
            print(f"  {name} {qtype}: no answer")
            bad += 1
            continue
        got_rcode = RCODES.get(flags & 0xF, str(flags & 0xF))
        if got_rcode != rcode or str(got_an) not in ancount.split("|"):
            print(f"  {name} {qtype}: got {got_rcode}/{got_an} answers, want {rcode}/{ancount}")
            bad += 1
    print(f"{total - bad}/{total} answer checks passed")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "ready":
        sys.exit(ready(int(sys.argv[2]), float(sys.argv[3]), "--any" in sys.argv[4:]))
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(check(int(sys.argv[2]), sys.argv[3]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
