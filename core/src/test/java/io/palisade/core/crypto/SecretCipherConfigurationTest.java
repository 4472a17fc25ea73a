package io.palisade.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherConfigurationTest {

    @Test
    void aMissingKeyStopsStartUpWithInstructions() {
        assertThatThrownBy(() -> SecretCipherConfiguration.create(new SecretsProperties(null, null, false), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("palisade.secrets.key is not set")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aKeyOfTheWrongLengthStopsStartUpWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());

        assertThatThrownBy(() -> SecretCipherConfiguration.create(new SecretsProperties(shortKey, null, false), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void aKeyThatIsNotBase64StopsStartUpWithoutEchoingIt() {
        assertThatThrownBy(() -> SecretCipherConfiguration.create(
                        new SecretsProperties("not base64 at all!", null, false), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining("not base64 at all!");
    }

    @Test
    void aMalformedPreviousKeyIsNamedByItsPosition() {
        String good = Base64.getEncoder().encodeToString(SecretCipherTest.randomKey());

        assertThatThrownBy(() -> SecretCipherConfiguration.create(
                        new SecretsProperties(good, List.of(good, "AAAA"), false), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("palisade.secrets.previous-keys[1]");
    }

    @Test
    void demoAndDevelopmentRunsGetAGeneratedKey() {
        SecretCipher cipher = SecretCipherConfiguration.create(new SecretsProperties(" ", null, false), true);

        assertThat(cipher.decrypt(cipher.encrypt("s", "c"), "c")).isEqualTo("s");
    }

    @Test
    void aConfiguredKeyIsUsed() {
        byte[] key = SecretCipherTest.randomKey();
        SecretCipher configured = SecretCipherConfiguration.create(
                new SecretsProperties(Base64.getEncoder().encodeToString(key), null, false), false);

        assertThat(configured.currentKeyId()).isEqualTo(new SecretCipher(key, List.of()).currentKeyId());
    }
}
