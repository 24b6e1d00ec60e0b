/*
 * Batched UDP receive and send for Meridian's inline receivers: recvmmsg/sendmmsg over direct
 * buffers cut into fixed slots, so a batch of queries costs two system calls and no Java
 * allocation. The JDK's DatagramChannel has neither.
 *
 * A receiver opens one context: its message headers point at the buffers' slots once, and the
 * lengths and peer addresses live in a direct buffer Java reads and writes itself (layout below),
 * so a call does no JNI array copies, no buffer lookups and no re-initialising of headers.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>

#define MAX_BATCH 64
/* Room for a struct sockaddr_in6; the Java side uses the same stride. */
#define ADDR_STRIDE 28
/* The shared buffer (NativeUdp's META_* constants): received lengths, lengths to send, peers. */
#define META_IN_LENS 0
#define META_OUT_LENS (MAX_BATCH * 4)
#define META_ADDRS (MAX_BATCH * 8)

struct udp_batch {
	int max;
	char *out;
	int out_slot;
	int32_t *in_lens;
	int32_t *out_lens;
	char *addrs;
	struct mmsghdr in_msgs[MAX_BATCH];
	struct iovec in_iov[MAX_BATCH];
	struct mmsghdr out_msgs[MAX_BATCH];
	struct iovec out_iov[MAX_BATCH];
};

static socklen_t addr_len(const char *addr)
{
	sa_family_t family;
	memcpy(&family, addr, sizeof(family));
	return family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
}

JNIEXPORT jlong JNICALL Java_io_meridian_resolver_server_NativeUdp_open(JNIEnv *env, jclass cls, jobject in,
		jint in_slot, jobject out, jint out_slot, jobject meta, jint max)
{
	char *in_base = (*env)->GetDirectBufferAddress(env, in);
	char *out_base = (*env)->GetDirectBufferAddress(env, out);
	char *meta_base = (*env)->GetDirectBufferAddress(env, meta);
	if (in_base == NULL || out_base == NULL || meta_base == NULL || max < 1 || max > MAX_BATCH
			|| (*env)->GetDirectBufferCapacity(env, in) < (jlong)in_slot * max
			|| (*env)->GetDirectBufferCapacity(env, out) < (jlong)out_slot * max
			|| (*env)->GetDirectBufferCapacity(env, meta) < META_ADDRS + MAX_BATCH * ADDR_STRIDE) {
		return 0;
	}
	struct udp_batch *b = calloc(1, sizeof(*b));
	if (b == NULL) {
		return 0;
	}
	b->max = max;
	b->out = out_base;
	b->out_slot = out_slot;
	b->in_lens = (int32_t *)(meta_base + META_IN_LENS);
	b->out_lens = (int32_t *)(meta_base + META_OUT_LENS);
	b->addrs = meta_base + META_ADDRS;
	for (int i = 0; i < max; i++) {
		b->in_iov[i].iov_base = in_base + (size_t)i * in_slot;
		b->in_iov[i].iov_len = in_slot;
		b->in_msgs[i].msg_hdr.msg_iov = &b->in_iov[i];
		b->in_msgs[i].msg_hdr.msg_iovlen = 1;
		b->in_msgs[i].msg_hdr.msg_name = b->addrs + (size_t)i * ADDR_STRIDE;
		b->out_msgs[i].msg_hdr.msg_iov = &b->out_iov[i];
		b->out_msgs[i].msg_hdr.msg_iovlen = 1;
	}
	return (jlong)(intptr_t)b;
}

JNIEXPORT void JNICALL Java_io_meridian_resolver_server_NativeUdp_close(JNIEnv *env, jclass cls, jlong handle)
{
	free((struct udp_batch *)(intptr_t)handle);
}

/*
 * Receives up to max datagrams, blocking for the first; the kernel writes each peer's address
 * straight into its slot of the shared buffer. Returns how many, 0 on timeout, or -errno.
 */
JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_receive(JNIEnv *env, jclass cls, jlong handle,
		jint fd)
{
	struct udp_batch *b = (struct udp_batch *)(intptr_t)handle;
	/* The kernel shortens msg_namelen to each address it wrote: give every slot its full room again. */
	for (int i = 0; i < b->max; i++) {
		b->in_msgs[i].msg_hdr.msg_namelen = ADDR_STRIDE;
	}
	int n = recvmmsg(fd, b->in_msgs, b->max, MSG_WAITFORONE, NULL);
	if (n < 0) {
		return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : -errno;
	}
	for (int i = 0; i < n; i++) {
		/* A datagram longer than its slot was cut: report it as too long so it is dropped. */
		b->in_lens[i] = (b->in_msgs[i].msg_hdr.msg_flags & MSG_TRUNC) ? -1 : (int32_t)b->in_msgs[i].msg_len;
	}
	return n;
}

/* Sends slot i of the out buffer (out_lens[i] bytes, skipped when negative) to the peer of received datagram i. */
JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_send(JNIEnv *env, jclass cls, jlong handle,
		jint fd, jint count)
{
	struct udp_batch *b = (struct udp_batch *)(intptr_t)handle;
	if (count > b->max) {
		count = b->max;
	}
	int m = 0;
	for (int i = 0; i < count; i++) {
		if (b->out_lens[i] < 0) {
			continue; /* nothing to send for this query */
		}
		char *peer = b->addrs + (size_t)i * ADDR_STRIDE;
		b->out_iov[m].iov_base = b->out + (size_t)i * b->out_slot;
		b->out_iov[m].iov_len = b->out_lens[i];
		b->out_msgs[m].msg_hdr.msg_name = peer;
		b->out_msgs[m].msg_hdr.msg_namelen = addr_len(peer);
		m++;
	}
	int sent = 0;
	while (sent < m) {
		int r = sendmmsg(fd, b->out_msgs + sent, m - sent, 0);
		if (r < 0) {
			if (errno == EINTR) {
				continue;
			}
			/* A peer that went away (or a full buffer) loses its answer; send the rest. */
			sent++;
			continue;
		}
		sent += r;
	}
	return m;
}

/*
 * Sends with DF set and the path MTU ignored (IP_PMTUDISC_PROBE; IPv6 and v4-mapped peers alike):
 * answers are never fragmented, and a forged "fragmentation needed" cannot make them so. It also
 * spares the kernel choosing an IP ID per datagram (one is needed only for fragments).
 * Returns 0, or -errno when neither level took it.
 */
JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_setDontFragment(JNIEnv *env, jclass cls, jint fd)
{
	int v4 = IP_PMTUDISC_PROBE;
	int v6 = IPV6_PMTUDISC_PROBE;
	int r4 = setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &v4, sizeof(v4));
	/* An IPv4 socket has no IPv6 level: that refusal is expected. */
	int r6 = setsockopt(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &v6, sizeof(v6));
	return r4 == 0 || r6 == 0 ? 0 : -errno;
}

/* The socket's IP_MTU_DISCOVER mode (IP_PMTUDISC_*), or -errno. */
JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_pathMtuMode(JNIEnv *env, jclass cls, jint fd)
{
	int mode = 0;
	socklen_t len = sizeof(mode);
	return getsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &mode, &len) == 0 ? mode : -errno;
}

JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_setReceiveTimeout(JNIEnv *env, jclass cls, jint fd,
		jint millis)
{
	struct timeval tv = { .tv_sec = millis / 1000, .tv_usec = (millis % 1000) * 1000 };
	return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0 ? 0 : -errno;
}
