package io.palisade.banners.live;

import io.palisade.core.crypto.TenantKeys;
import io.palisade.core.tenant.TenantService;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies the tokens of banner live pages ({@code /b/{token}}). A token names a tenant, a mail item
 * and an expiry, and carries an HMAC-SHA256 over them under the tenant's own key (purpose
 * {@value #KEY_PURPOSE}), so it cannot be forged, moved to another message or another tenant, or extended.
 *
 * <p>Form: {@code base64url(tenant 16 bytes | mail item 16 bytes | expiry epoch seconds 8 bytes) "." base64url(mac)},
 * both without padding: 54 + 1 + 43 characters of {@code [A-Za-z0-9_.-]}. Thread-safe.
 */
@Component
public class LiveTokens {

    /** The purpose under which the tenant's live-page key is kept. */
    public static final String KEY_PURPOSE = "banner-live-page";

    private static final int PAYLOAD_BYTES = 40;
    private static final int PAYLOAD_CHARS = 54;
    private static final int MAC_CHARS = 43;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final TenantKeys keys;
    private final TenantService tenants;
    private final Clock clock;
    private final Duration lifetime;
    // Keys never change once created; caching them spares a decryption on every page view and SSE connection.
    private final Map<UUID, byte[]> keyCache = new ConcurrentHashMap<>();

    public LiveTokens(
            TenantKeys keys,
            TenantService tenants,
            Clock clock,
            @Value("${palisade.banners.live-token-lifetime:P90D}") Duration lifetime) {
        this.keys = keys;
        this.tenants = tenants;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** How long a new token works. A re-rendered banner carries a fresh one. */
    public Duration lifetime() {
        return lifetime;
    }

    // Not yet: a token is a bearer credential; whoever receives a forwarded copy of the message can use the page as
    // its recipient until the token expires. Binding it to the recipient would need a sign-in the page avoids.
    /** A new token for the mail item, valid for {@link #lifetime()}. */
    public String issue(UUID tenantId, UUID mailItemId) {
        Instant expires = clock.instant().plus(lifetime);
        byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES)
                .putLong(tenantId.getMostSignificantBits())
                .putLong(tenantId.getLeastSignificantBits())
                .putLong(mailItemId.getMostSignificantBits())
                .putLong(mailItemId.getLeastSignificantBits())
                .putLong(expires.getEpochSecond())
                .array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(key(tenantId), payload));
    }

    /**
     * Checks a token. Never throws on any input.
     *
     * @return the link when the token is genuine and not expired; empty otherwise (malformed, forged, unknown
     *     tenant, expired)
     */
    public Optional<LiveLink> verify(String token) {
        Optional<Decoded> decoded = decode(token);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        Decoded d = decoded.get();
        if (!clock.instant().isBefore(d.link().expiresAt())) {
            return Optional.empty();
        }
        if (tenants.find(d.link().tenantId()).isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = mac(key(d.link().tenantId()), d.payload());
        return MessageDigest.isEqual(expected, d.mac()) ? Optional.of(d.link()) : Optional.empty();
    }

    private Optional<Decoded> decode(String token) {
        if (token == null || token.length() != PAYLOAD_CHARS + 1 + MAC_CHARS || token.charAt(PAYLOAD_CHARS) != '.') {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, PAYLOAD_CHARS));
            byte[] mac = Base64.getUrlDecoder().decode(token.substring(PAYLOAD_CHARS + 1));
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            UUID tenant = new UUID(buffer.getLong(), buffer.getLong());
            UUID item = new UUID(buffer.getLong(), buffer.getLong());
            Instant expires = Instant.ofEpochSecond(buffer.getLong());
            return Optional.of(new Decoded(new LiveLink(tenant, item, expires), payload, mac));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private byte[] key(UUID tenantId) {
        return keyCache.computeIfAbsent(tenantId, id -> keys.key(id, KEY_PURPOSE));
    }

    private static byte[] mac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private record Decoded(LiveLink link, byte[] payload, byte[] mac) {}
}
