/*
 * Batched UDP receive and send for Meridian's inline receivers: recvmmsg/sendmmsg over a direct
 * buffer cut into fixed slots, with lengths and peer addresses in Java arrays, so a batch of
 * queries costs two system calls and no Java allocation. The JDK's DatagramChannel has neither.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>

#define MAX_BATCH 64
/* Room for a struct sockaddr_in6; the Java side uses the same stride. */
#define ADDR_STRIDE 28

static socklen_t addr_len(const struct sockaddr_storage *a)
{
	return a->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
}

JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_receive(JNIEnv *env, jclass cls, jint fd,
		jobject buf, jint slot_size, jint max, jintArray lens, jbyteArray addrs)
{
	char *base = (*env)->GetDirectBufferAddress(env, buf);
	if (base == NULL) {
		return -EINVAL;
	}
	if (max > MAX_BATCH) {
		max = MAX_BATCH;
	}
	struct mmsghdr msgs[MAX_BATCH];
	struct iovec iov[MAX_BATCH];
	struct sockaddr_storage from[MAX_BATCH];
	memset(msgs, 0, sizeof(msgs[0]) * max);
	for (int i = 0; i < max; i++) {
		iov[i].iov_base = base + (size_t)i * slot_size;
		iov[i].iov_len = slot_size;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_name = &from[i];
		msgs[i].msg_hdr.msg_namelen = sizeof(from[i]);
	}
	int n = recvmmsg(fd, msgs, max, MSG_WAITFORONE, NULL);
	if (n < 0) {
		return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : -errno;
	}
	jint got[MAX_BATCH];
	for (int i = 0; i < n; i++) {
		/* A datagram longer than its slot was cut: report it as too long so it is dropped. */
		got[i] = (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) ? -1 : (jint)msgs[i].msg_len;
		jbyte addr[ADDR_STRIDE];
		memset(addr, 0, sizeof(addr));
		memcpy(addr, &from[i], addr_len(&from[i]) < ADDR_STRIDE ? addr_len(&from[i]) : ADDR_STRIDE);
		(*env)->SetByteArrayRegion(env, addrs, i * ADDR_STRIDE, ADDR_STRIDE, addr);
	}
	(*env)->SetIntArrayRegion(env, lens, 0, n, got);
	return n;
}

JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_send(JNIEnv *env, jclass cls, jint fd,
		jobject buf, jint slot_size, jint count, jintArray lens, jbyteArray addrs)
{
	char *base = (*env)->GetDirectBufferAddress(env, buf);
	if (base == NULL) {
		return -EINVAL;
	}
	if (count > MAX_BATCH) {
		count = MAX_BATCH;
	}
	jint len[MAX_BATCH];
	(*env)->GetIntArrayRegion(env, lens, 0, count, len);
	struct mmsghdr msgs[MAX_BATCH];
	struct iovec iov[MAX_BATCH];
	struct sockaddr_storage to[MAX_BATCH];
	int m = 0;
	for (int i = 0; i < count; i++) {
		if (len[i] < 0) {
			continue; /* nothing to send for this query */
		}
		memset(&to[m], 0, sizeof(to[m]));
		(*env)->GetByteArrayRegion(env, addrs, i * ADDR_STRIDE, ADDR_STRIDE, (jbyte *)&to[m]);
		memset(&msgs[m], 0, sizeof(msgs[m]));
		iov[m].iov_base = base + (size_t)i * slot_size;
		iov[m].iov_len = len[i];
		msgs[m].msg_hdr.msg_iov = &iov[m];
		msgs[m].msg_hdr.msg_iovlen = 1;
		msgs[m].msg_hdr.msg_name = &to[m];
		msgs[m].msg_hdr.msg_namelen = addr_len(&to[m]);
		m++;
	}
	int sent = 0;
	while (sent < m) {
		int r = sendmmsg(fd, msgs + sent, m - sent, 0);
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

JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_NativeUdp_setReceiveTimeout(JNIEnv *env, jclass cls, jint fd,
		jint millis)
{
	struct timeval tv = { .tv_sec = millis / 1000, .tv_usec = (millis % 1000) * 1000 };
	return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0 ? 0 : -errno;
}
