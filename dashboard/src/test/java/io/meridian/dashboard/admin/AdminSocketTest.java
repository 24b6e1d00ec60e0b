package io.meridian.dashboard.admin;

import io.meridian.dashboard.CliTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminSocketTest {
    private static final Map<String, AdminSocket.Handler> ECHO = Map.of(
            "STATUS", r -> r.ok(List.of("fine", "really")),
            "RELOAD", r -> {
                throw new IllegalArgumentException("bad config\nsecond line");
            });

    @Test
    void answersRequestsOnlyToItsOwnerAndRemovesTheSocketWhenClosed() throws Exception {
        Path data = CliTest.dataDir("admin");
        try (AdminSocket socket = AdminSocket.start(data, ECHO)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.file())));
            assertEquals(List.of("fine", "really"), AdminClient.requestLines(data, "status"));
            AdminClient.Refused refused = assertThrows(AdminClient.Refused.class, () -> AdminClient.requestLines(data, "RELOAD"));
            assertEquals("bad config second line", refused.getMessage());
            assertTrue(assertThrows(AdminClient.Refused.class, () -> AdminClient.requestLines(data, "SHUTDOWN"))
                    .getMessage().startsWith("unknown request 'SHUTDOWN'"));
        }
        assertFalse(Files.exists(data.resolve(AdminSocket.FILE)));
        assertThrows(AdminClient.NoServer.class, () -> AdminClient.requestLines(data, "STATUS"));
    }

    @Test
    void replacesTheSocketOfADeadServerButRefusesToStartBesideALiveOne() throws Exception {
        Path data = CliTest.dataDir("admin");
        // A server killed with SIGKILL leaves its socket file behind, with nobody listening.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(data.resolve(AdminSocket.FILE)));
        }
        assertTrue(Files.exists(data.resolve(AdminSocket.FILE)));
        try (AdminSocket socket = AdminSocket.start(data, ECHO)) {
            assertTrue(AdminClient.serverRuns(data));
            IOException second = assertThrows(IOException.class, () -> AdminSocket.start(data, ECHO));
            assertTrue(second.getMessage().contains("another meridian serve is running"), second.getMessage());
            assertEquals(List.of("fine", "really"), AdminClient.requestLines(data, "STATUS"));
        }
    }
}
