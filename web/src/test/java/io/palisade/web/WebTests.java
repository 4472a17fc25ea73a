package io.palisade.web;

import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the web module's HTTP tests share: a free port for the service, the test administrator's credentials, a JSON
 * reader and a way to read a message as its recipient does.
 */
public final class WebTests {

    /** The {@code Authorization} header of the administrator in {@code src/test/resources/application.properties}. */
    public static final String ADMIN_BASIC_AUTH =
            "Basic " + Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private WebTests() {}

    /**
     * Points the service under test at the simulator: its HTTP port, the installation's app (read from {@code app}
     * when the context starts), the simulator's Graph and identity endpoints, and its own webhook URL.
     */
    public static void pointAtSimulator(
            DynamicPropertyRegistry registry, int port, SimulatorExtension sim, Supplier<SimTenant> app) {
        registry.add("server.port", () -> port);
        registry.add("palisade.m365.client-id", () -> app.get().clientId());
        registry.add("palisade.m365.client-secret", () -> app.get().clientSecret());
        registry.add("palisade.m365.graph-base-url", sim::graphBaseUrl);
        registry.add("palisade.m365.authority-host", sim::authorityHost);
        registry.add("palisade.m365.notification-url", () -> "http://localhost:" + port + "/webhooks/m365");
    }

    /** The subject and every text part of a message as a reader sees them, transfer encodings undone. */
    public static String readable(byte[] mime) {
        try {
            Message message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(mime));
            StringBuilder text = new StringBuilder(message.getSubject() == null ? "" : message.getSubject());
            appendText(message, text);
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable test message", e);
        }
    }

    private static void appendText(Entity entity, StringBuilder text) throws IOException {
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                appendText(part, text);
            }
        } else if (entity.getBody() instanceof TextBody body) {
            StringWriter content = new StringWriter();
            try (Reader reader = body.getReader()) {
                reader.transferTo(content);
            }
            text.append('\n').append(content);
        }
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
