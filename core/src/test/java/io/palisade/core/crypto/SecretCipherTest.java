package io.palisade.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String SECRET = "refresh-token-9f8e7d";
    private static final String CONTEXT = "provider-connection:tenant-a:conn-1";

    private final byte[] key = randomKey();
    private final SecretCipher cipher = new SecretCipher(key, List.of());

    @Test
    void decryptsWhatItEncrypted() {
        String stored = cipher.encrypt(SECRET, CONTEXT);

        assertThat(stored).startsWith("v1:" + cipher.currentKeyId() + ":").doesNotContain(SECRET);
        assertThat(cipher.decrypt(stored, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void usesAFreshNonceForEveryValue() {
        assertThat(cipher.encrypt(SECRET, CONTEXT)).isNotEqualTo(cipher.encrypt(SECRET, CONTEXT));
    }

    @Test
    void refusesAValueStoredForAnotherContext() {
        String stored = cipher.encrypt(SECRET, CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(stored, "provider-connection:tenant-b:conn-1"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("another context")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesATamperedValue() {
        String stored = cipher.encrypt(SECRET, CONTEXT);
        char last = stored.charAt(stored.length() - 1);
        String tampered = stored.substring(0, stored.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void refusesSomethingThatIsNotAnEncryptedSecret() {
        assertThatThrownBy(() -> cipher.decrypt("plain-text-secret", CONTEXT))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageNotContaining("plain-text-secret");
        assertThatThrownBy(() -> cipher.decrypt("v1:" + cipher.currentKeyId() + ":AAAA", CONTEXT))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aRotatedKeyStillDecryptsOldValuesAndFlagsThemForReencryption() {
        String underOldKey = cipher.encrypt(SECRET, CONTEXT);
        SecretCipher rotated = new SecretCipher(randomKey(), List.of(key));

        assertThat(rotated.decrypt(underOldKey, CONTEXT)).isEqualTo(SECRET);
        assertThat(rotated.needsReencryption(underOldKey)).isTrue();
        assertThat(rotated.needsReencryption(rotated.encrypt(SECRET, CONTEXT))).isFalse();
        assertThat(rotated.currentKeyId()).isNotEqualTo(cipher.currentKeyId());
    }

    @Test
    void namesTheMissingKeyWhenAValueWasEncryptedUnderAnUnknownKey() {
        String stored = cipher.encrypt(SECRET, CONTEXT);
        SecretCipher other = new SecretCipher(randomKey(), List.of());

        assertThatThrownBy(() -> other.decrypt(stored, CONTEXT))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining(cipher.currentKeyId())
                .hasMessageContaining("palisade.secrets.previous-keys");
    }

    @Test
    void rejectsAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16], List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        String base64Key = Base64.getEncoder().encodeToString(key);

        assertThat(cipher.toString()).doesNotContain(base64Key).contains(cipher.currentKeyId());
    }

    static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
