package io.palisade.core.pipeline;

import io.palisade.core.mail.Indicator;
import java.util.List;

/**
 * What the pipeline keeps about a message besides its raw MIME: the header fields shown to analysts and the
 * indicators by which a later verdict change finds it.
 *
 * @param internetMessageId the Message-ID header with its angle brackets; may be null
 * @param sender the From address, lower case; may be null
 * @param recipients To and Cc addresses, lower case, never null
 * @param subject the decoded subject; may be null
 * @param indicators the indicators the message carries, never null
 */
public record MessageFacts(
        String internetMessageId, String sender, List<String> recipients, String subject, List<Indicator> indicators) {}
