package io.palisade.web.banner;

import io.palisade.core.feedback.RecipientFeedback;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A hand-written RecipientFeedback that records each call, so tests see exactly what the page asked for. */
final class RecordingFeedback implements RecipientFeedback {

    /** One call. */
    record Call(String kind, UUID tenantId, UUID mailItemId, String recipient) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void reportMessage(UUID tenantId, UUID mailItemId, String recipient) {
        calls.add(new Call("report", tenantId, mailItemId, recipient));
    }

    @Override
    public void trustSender(UUID tenantId, UUID mailItemId, String recipient) {
        calls.add(new Call("trust", tenantId, mailItemId, recipient));
    }

    /** Puts the recorder in front of the real implementation. */
    @TestConfiguration
    static class Config {
        @Bean
        @Primary
        RecordingFeedback recordingFeedback() {
            return new RecordingFeedback();
        }
    }
}
