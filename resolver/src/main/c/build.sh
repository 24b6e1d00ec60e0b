#!/bin/sh
# Builds the batched-UDP JNI library into the jar's resources. Without a C compiler the build
# goes on and Meridian uses the JDK's sockets instead (see NativeUdp); scripts/run and
# scripts/test install gcc so that the batched path is the one built and tested.
set -e
SRC="$1"; OUT="$2"; JAVA_HOME_DIR="$3"
if ! command -v gcc >/dev/null 2>&1; then
    echo "[udp_batch] gcc not found: building without batched UDP (recvmmsg/sendmmsg)" >&2
    exit 0
fi
mkdir -p "$(dirname "$OUT")"
gcc -O2 -Wall -Werror -shared -fPIC -I"$JAVA_HOME_DIR/include" -I"$JAVA_HOME_DIR/include/linux" "$SRC" -o "$OUT"
