/*
 * udp_echo: the "kernel-only" floor for scripts/bench.
 *
 * It receives UDP datagrams in batches with recvmmsg(2) and sends each one
 * straight back to its sender with sendmmsg(2), after setting the QR bit
 * (byte 2 |= 0x80) so that dnsperf counts the echo as a DNS response. It does
 * no DNS work at all, so its CPU time per query is what the kernel's UDP path
 * costs a server on this machine: any real server's cost is measured against it.
 *
 * Usage: udp_echo ADDRESS PORT [BATCH]
 *   ADDRESS  IPv4 address to bind (scripts/bench only ever uses 127.0.0.1)
 *   PORT     UDP port
 *   BATCH    datagrams per recvmmsg/sendmmsg call (default 64, max 1024)
 *
 * Build: gcc -O2 -Wall -Wextra -o udp_echo udp_echo.c
 * Stops on SIGINT/SIGTERM (default signal action).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_BATCH 1024
#define BUF_SIZE 4096 /* larger than any query dnsperf sends */

static struct mmsghdr msgs[MAX_BATCH];
static struct iovec iovs[MAX_BATCH];
static struct sockaddr_in peers[MAX_BATCH];
static unsigned char bufs[MAX_BATCH][BUF_SIZE];

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s ADDRESS PORT [BATCH]\n", argv[0]);
        return 2;
    }
    int batch = argc == 4 ? atoi(argv[3]) : 64;
    if (batch < 1 || batch > MAX_BATCH) {
        fprintf(stderr, "udp_echo: BATCH must be 1..%d\n", MAX_BATCH);
        return 2;
    }

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
        fprintf(stderr, "udp_echo: bad IPv4 address '%s'\n", argv[1]);
        return 2;
    }

    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        perror("udp_echo: socket");
        return 1;
    }
    /* A bigger receive buffer so a scheduling hiccup does not drop queries:
     * the floor should lose nothing. */
    int rcvbuf = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("udp_echo: bind");
        return 1;
    }
    fprintf(stderr, "udp_echo: listening on %s:%s (batch %d)\n", argv[1], argv[2], batch);

    for (int i = 0; i < batch; i++) {
        iovs[i].iov_base = bufs[i];
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_name = &peers[i];
    }

    for (;;) {
        /* recvmmsg overwrites iov/namelen bookkeeping: reset it every time. */
        for (int i = 0; i < batch; i++) {
            iovs[i].iov_len = BUF_SIZE;
            msgs[i].msg_hdr.msg_namelen = sizeof peers[i];
            msgs[i].msg_hdr.msg_controllen = 0;
            msgs[i].msg_hdr.msg_flags = 0;
        }
        /* MSG_WAITFORONE: block for the first datagram, then take whatever
         * else is already queued, as a batching DNS server does. */
        int n = recvmmsg(fd, msgs, (unsigned)batch, MSG_WAITFORONE, NULL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("udp_echo: recvmmsg");
            return 1;
        }
        for (int i = 0; i < n; i++) {
            unsigned len = msgs[i].msg_len;
            if (len >= 3)
                bufs[i][2] |= 0x80; /* QR = 1: it is now a "response" */
            iovs[i].iov_len = len;
        }
        /* sendmmsg may send fewer than asked: continue from where it stopped. */
        int sent = 0;
        while (sent < n) {
            int r = sendmmsg(fd, msgs + sent, (unsigned)(n - sent), 0);
            if (r < 0) {
                if (errno == EINTR)
                    continue;
                perror("udp_echo: sendmmsg");
                break; /* drop the rest of this batch, keep serving */
            }
            sent += r;
        }
    }
}
