package io.palisade.core.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailboxConnectorRegistryTest {

    @Test
    void findsTheConnectorOfEachProvider() {
        MailboxConnector m365 = new NoOpConnector(Provider.M365);

        MailboxConnectorRegistry registry = new MailboxConnectorRegistry(List.of(m365));

        assertThat(registry.require(Provider.M365)).isSameAs(m365);
        assertThat(registry.find(Provider.GWS)).isEmpty();
        assertThat(registry.providers()).containsExactly(Provider.M365);
    }

    @Test
    void namesTheProviderWhenNoConnectorIsInstalled() {
        MailboxConnectorRegistry registry = new MailboxConnectorRegistry(List.of());

        assertThatThrownBy(() -> registry.require(Provider.GWS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GWS");
    }

    @Test
    void refusesTwoConnectorsForOneProvider() {
        List<MailboxConnector> twice = List.of(new NoOpConnector(Provider.M365), new NoOpConnector(Provider.M365));

        assertThatThrownBy(() -> new MailboxConnectorRegistry(twice))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two mailbox connectors for M365");
    }

    @Test
    void retryableFailuresCarryTheRetryAfterAndPermanentOnesDoNot() {
        ConnectorException throttled =
                ConnectorException.retryable("HTTP 429 on move", java.time.Duration.ofSeconds(7), null);
        ConnectorException denied = ConnectorException.permanent("HTTP 403 on move", null);
        ConnectorException gone = new MessageNotFoundException("HTTP 404 on move", null);

        assertThat(throttled.isRetryable()).isTrue();
        assertThat(throttled.retryAfter()).contains(java.time.Duration.ofSeconds(7));
        assertThat(denied.isRetryable()).isFalse();
        assertThat(denied.retryAfter()).isEmpty();
        assertThat(gone.isRetryable()).isFalse();
    }

    /** A connector that does nothing; only its provider matters here. */
    private record NoOpConnector(Provider provider) implements MailboxConnector {

        @Override
        public byte[] fetchMime(MessageRef message) {
            return new byte[0];
        }

        @Override
        public QuarantineResult quarantine(MessageRef message) {
            return new QuarantineResult("id", "inbox");
        }

        @Override
        public String release(MessageRef message, String originalFolderId) {
            return "id";
        }

        @Override
        public void softDelete(MessageRef message) {}

        @Override
        public void hardDelete(MessageRef message) {}

        @Override
        public List<MessageCopy> findCopies(UUID tenantId, String internetMessageId) {
            return List.of();
        }

        @Override
        public String replaceContent(MessageRef message, byte[] newMime) {
            return "id";
        }
    }
}
