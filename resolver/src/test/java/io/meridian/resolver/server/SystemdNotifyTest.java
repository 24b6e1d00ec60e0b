package io.meridian.resolver.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sd_notify through the JNI library, to real Unix datagram sockets of both kinds systemd hands out. */
class SystemdNotifyTest {

    @Test
    void deliversTheStateToASocketFile(@TempDir Path dir) throws Exception {
        assertTrue(NativeUdp.AVAILABLE, "the JNI library was not built or did not load");
        try (NotifySocket socket = new NotifySocket(dir.resolve("notify").toString())) {
            assertEquals(0, SystemdNotify.send(socket.address(), "READY=1"));
            assertEquals("READY=1", socket.next(Duration.ofSeconds(10)));
        }
    }

    @Test
    void deliversToAnAbstractSocketNamedWithAnAt() throws Exception {
        String name = "@meridian-notify-test-" + ProcessHandle.current().pid();
        try (NotifySocket socket = new NotifySocket(name)) {
            // Several lines in one datagram, as a reload sends them.
            assertEquals(0, SystemdNotify.send(name, "RELOADING=1\nMONOTONIC_USEC=42"));
            assertEquals("RELOADING=1\nMONOTONIC_USEC=42", socket.next(Duration.ofSeconds(10)));
        }
    }

    @Test
    void reportsTheErrorWhenNobodyListens(@TempDir Path dir) {
        int result = SystemdNotify.send(dir.resolve("nobody").toString(), "READY=1");
        assertEquals(-2, result, "expected -ENOENT for a socket file that does not exist");
    }

    @Test
    void refusesAnAddressSystemdWouldNeverGive() {
        assertEquals(-22, SystemdNotify.send("relative/notify", "READY=1"), "expected -EINVAL");
    }
}
