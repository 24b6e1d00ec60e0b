/*
 * systemd readiness for Type=notify units (sd_notify(3)): one datagram carrying a state such as
 * "READY=1" to the AF_UNIX socket named by $NOTIFY_SOCKET. The JDK has no Unix datagram sockets,
 * and linking libsystemd for one sendto() is not worth the dependency, so it lives here beside the
 * batched-UDP code and is built into the same library.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

/*
 * Sends state (bytes, not NUL-terminated) to the socket at path: an absolute file name, or an
 * abstract socket when it starts with '@' (the kernel's name is then a NUL byte and the rest, with
 * no terminator, as sd_notify does). Returns 0, or -errno.
 */
JNIEXPORT jint JNICALL Java_io_meridian_resolver_server_SystemdNotify_send(JNIEnv *env, jclass cls,
		jbyteArray path, jbyteArray state)
{
	struct sockaddr_un addr;
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	jsize path_len = (*env)->GetArrayLength(env, path);
	if (path_len < 2 || (size_t)path_len >= sizeof(addr.sun_path)) {
		return -EINVAL;
	}
	(*env)->GetByteArrayRegion(env, path, 0, path_len, (jbyte *)addr.sun_path);
	if (addr.sun_path[0] == '@') {
		addr.sun_path[0] = '\0';
	} else if (addr.sun_path[0] != '/') {
		return -EINVAL; /* systemd only hands out absolute or abstract names */
	}
	/* The length counts the name's bytes only: an abstract name is exactly those, and a file name needs no NUL. */
	socklen_t addr_len = offsetof(struct sockaddr_un, sun_path) + path_len;

	jsize state_len = (*env)->GetArrayLength(env, state);
	char buf[4096];
	if ((size_t)state_len > sizeof(buf)) {
		return -EMSGSIZE;
	}
	(*env)->GetByteArrayRegion(env, state, 0, state_len, (jbyte *)buf);

	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return -errno;
	}
	ssize_t sent;
	do {
		sent = sendto(fd, buf, state_len, MSG_NOSIGNAL, (struct sockaddr *)&addr, addr_len);
	} while (sent < 0 && errno == EINTR);
	int err = sent < 0 ? errno : 0;
	close(fd);
	return -err;
}
