#!/bin/sh
# Builds Meridian's JNI library (every .c file here: batched UDP, systemd readiness) into the jar's
# resources. Without a C compiler the build goes on and Meridian uses the JDK's sockets instead
# (see NativeUdp) and cannot tell systemd it is ready (see SystemdNotify); scripts/run, scripts/test
# and scripts/package install gcc so that the native path is the one built and tested.
set -e
SRC_DIR="$1"; OUT="$2"; JAVA_HOME_DIR="$3"
if ! command -v gcc >/dev/null 2>&1; then
    echo "[native] gcc not found: building without batched UDP (recvmmsg/sendmmsg) and systemd readiness" >&2
    exit 0
fi
mkdir -p "$(dirname "$OUT")"
gcc -O2 -Wall -Werror -shared -fPIC -I"$JAVA_HOME_DIR/include" -I"$JAVA_HOME_DIR/include/linux" "$SRC_DIR"/*.c -o "$OUT"
