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
	/* The receiver's response cache (ResponseCache.tags()/entries()), or NULL: see prefetch(). */
	const int32_t *tags;
	const char *entries;
	uint32_t set_mask;
	int ways;
	int entry_size;
	long prefetched;
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

static inline uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
	return h ^ (h >> 29);
}

/* ResponseCache.hash, byte for byte: eight little-endian bytes at a time, the last eight overlapping. */
static int32_t key_hash(const char *key, int len)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)(int64_t)len;
	uint64_t w;
	for (int p = 0; p < len - 8; p += 8) {
		memcpy(&w, key + p, 8);
		h = mix(h, w);
	}
	memcpy(&w, key + len - 8, 8);
	h = mix(h, w);
	return (int32_t)(h ^ (h >> 32));
}

/*
 * Finds the cache entry each received datagram would be replayed from, as ResponseCache.replay
 * does (the key is the datagram after its 2-byte ID), and starts loading its first three cache
 * lines: the entries are seldom in the core's caches when their query comes again, and loads
 * issued together here overlap where the replays one after another would wait for each in turn.
 * It only reads: a stale or wrong guess costs a wasted load, never a wrong answer.
 */
static void prefetch(struct udp_batch *b, int n)
{
	for (int i = 0; i < n; i++) {
		int len = b->in_lens[i];
		if (len < 12) {
			continue;
		}
		int32_t tag = key_hash((const char *)b->in_iov[i].iov_base + 2, len - 2) | 1;
		size_t first = (size_t)(((uint32_t)tag >> 7) & b->set_mask) * b->ways;
		for (size_t e = first; e < first + b->ways; e++) {
			if (b->tags[e] == tag) {
				const char *entry = b->entries + e * b->entry_size;
				__builtin_prefetch(entry);
				__builtin_prefetch(entry + 64);
				__builtin_prefetch(entry + 128);
				b->prefetched++;
				break;
			}
		}
	}
}

/* Has each receive prefetch the entries of the cache laid out in these buffers (see prefetch()). Returns 0, or -1 if refused. */
JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_prefetchFrom(JNIEnv *env, jclass cls, jlong handle,
		jobject tags, jobject entries, jint set_mask, jint ways, jint entry_size)
{
	struct udp_batch *b = (struct udp_batch *)(intptr_t)handle;
	const int32_t *t = (*env)->GetDirectBufferAddress(env, tags);
	const char *e = (*env)->GetDirectBufferAddress(env, entries);
	jlong entry_count = (jlong)(set_mask + 1) * ways;
	if (t == NULL || e == NULL || set_mask < 0 || ways < 1 || entry_size < 192
			|| (*env)->GetDirectBufferCapacity(env, tags) < entry_count * 4
			|| (*env)->GetDirectBufferCapacity(env, entries) < entry_count * entry_size) {
		return -1;
	}
	b->tags = t;
	b->entries = e;
	b->set_mask = (uint32_t)set_mask;
	b->ways = ways;
	b->entry_size = entry_size;
	return 0;
}

/* How many received datagrams prefetch() found an entry for. */
JNIEXPORT jlong JNICALL Java_io_meridian_resolver_server_NativeUdp_prefetched(JNIEnv *env, jclass cls, jlong handle)
{
	return ((struct udp_batch *)(intptr_t)handle)->prefetched;
}

/*
 * Receives up to max datagrams, blocking for the first; the kernel writes each peer's address
 * straight into its slot of the shared buffer. Returns how many, 0 on timeout, or -errno.
 */
JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_receive(JNIEnv *env, jclass cls, jlong handle,
		jint fd, jboolean prefetch_entries)
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
	if (prefetch_entries && b->tags != NULL) {
		prefetch(b, n);
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
