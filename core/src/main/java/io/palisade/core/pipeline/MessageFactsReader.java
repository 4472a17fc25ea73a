package io.palisade.core.pipeline;

import io.palisade.core.mail.IndicatorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.UnstructuredField;
import org.apache.james.mime4j.field.DefaultFieldParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.springframework.stereotype.Component;

/**
 * Reads a message's header fields and its sender indicators. Lenient: a malformed header yields what could be
 * read, never an exception. Links and file hashes come from the scan, which parses the body once.
 */
@Component
public class MessageFactsReader {

    private static final int MAX_SUBJECT = 998;

    /** The facts of a raw message; fields that cannot be read are null or empty. */
    public MessageFacts read(byte[] mime) {
        Header header = parseHeader(mime);
        if (header == null) {
            return new MessageFacts(null, null, List.of(), null, List.of());
        }
        String sender = firstAddress(header, "From");
        Map<IndicatorKind, Set<String>> indicators = new EnumMap<>(IndicatorKind.class);
        if (sender != null) {
            indicators
                    .computeIfAbsent(IndicatorKind.SENDER, k -> new LinkedHashSet<>())
                    .add(sender);
            int at = sender.lastIndexOf('@');
            if (at > 0 && at < sender.length() - 1) {
                indicators
                        .computeIfAbsent(IndicatorKind.DOMAIN, k -> new LinkedHashSet<>())
                        .add(sender.substring(at + 1));
            }
        }
        return new MessageFacts(text(header, "Message-ID"), sender, recipients(header), subject(header), indicators);
    }

    private static Header parseHeader(byte[] mime) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setFieldParser(DefaultFieldParser.getParser());
        try {
            return builder.parseHeader(new ByteArrayInputStream(mime));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String firstAddress(Header header, String name) {
        if (header.getField(name) instanceof MailboxListField field) {
            MailboxList list = field.getMailboxList();
            if (list != null && !list.isEmpty()) {
                return list.get(0).getAddress().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static List<String> recipients(Header header) {
        List<String> recipients = new ArrayList<>();
        for (String name : List.of("To", "Cc")) {
            header.getFields(name).forEach(field -> {
                if (field instanceof AddressListField list && list.getAddressList() != null) {
                    for (Mailbox mailbox : list.getAddressList().flatten()) {
                        recipients.add(mailbox.getAddress().toLowerCase(Locale.ROOT));
                    }
                }
            });
        }
        return List.copyOf(recipients);
    }

    private static String subject(Header header) {
        String subject = text(header, "Subject");
        return subject == null || subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT);
    }

    private static String text(Header header, String name) {
        if (header.getField(name) instanceof UnstructuredField field) {
            return field.getValue().strip();
        }
        return header.getField(name) == null
                ? null
                : header.getField(name).getBody().strip();
    }
}
