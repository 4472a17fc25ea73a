package io.palisade.core.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps raw messages gzip-compressed for a retention window; re-scans and banner write-back read them here. */
@Service
public class RawMessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(RawMessageStore.class);

    private final RawMessageRepository messages;
    private final Clock clock;

    public RawMessageStore(RawMessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Stores (or replaces) the raw MIME of a mail item until {@code retainUntil}.
     *
     * @param mime the message as fetched, never null
     */
    @Transactional
    public RawMessage store(UUID tenantId, UUID mailItemId, byte[] mime, Instant retainUntil) {
        byte[] compressed = gzip(mime);
        String sha256 = sha256(mime);
        RawMessage stored = messages.findByTenantIdAndMailItemId(tenantId, mailItemId)
                .map(existing -> {
                    existing.replace(compressed, mime.length, sha256, retainUntil);
                    return existing;
                })
                .orElseGet(() -> messages.save(new RawMessage(
                        tenantId, mailItemId, compressed, mime.length, sha256, retainUntil, clock.instant())));
        LOG.debug(
                "event=raw_message_stored tenant={} mail_item={} bytes={} compressed_bytes={}",
                tenantId,
                mailItemId,
                mime.length,
                compressed.length);
        return stored;
    }

    /** The uncompressed MIME, or empty when none is stored or its retention has passed. */
    @Transactional(readOnly = true)
    public Optional<byte[]> load(UUID tenantId, UUID mailItemId) {
        Instant now = clock.instant();
        return messages.findByTenantIdAndMailItemId(tenantId, mailItemId)
                .filter(message -> message.getRetainUntil().isAfter(now))
                .map(message -> gunzip(message.getContentGzip()));
    }

    /** Deletes the tenant's raw messages whose retention has passed; returns how many. */
    @Transactional
    public int purgeExpired(UUID tenantId) {
        int purged = messages.deleteExpired(tenantId, clock.instant());
        LOG.info("event=raw_messages_purged tenant={} count={}", tenantId, purged);
        return purged;
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, content.length / 3));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a stored raw message is not valid gzip", e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
