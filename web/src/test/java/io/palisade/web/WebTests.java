package io.palisade.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What the web module's HTTP tests share: a free port for the service and the test administrator's credentials. */
public final class WebTests {

    /** The {@code Authorization} header of the administrator in {@code src/test/resources/application.properties}. */
    public static final String ADMIN_BASIC_AUTH =
            "Basic " + Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));

    private WebTests() {}

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
