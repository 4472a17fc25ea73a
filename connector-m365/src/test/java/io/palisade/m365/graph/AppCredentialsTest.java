package io.palisade.m365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.m365.M365Properties;
import io.palisade.m365.notify.TestKeystores;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misconfigured app credential stops start-up with a message naming the setting, never the secret. */
class AppCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void aClientIdWithNeitherSecretNorCertificateIsRefused() {
        assertThatThrownBy(() -> properties(" ", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("palisade.m365.client-secret")
                .hasMessageContaining("palisade.m365.client-certificate");
    }

    @Test
    void noClientIdMeansNoMicrosoft365AndNoError() {
        M365Properties none = new M365Properties(null, null, null, null, null, null, null, null, null);

        assertThat(none.configured()).isFalse();
    }

    @Test
    void aCertificateIsPreferredToTheSecret() {
        Path pfx = TestKeystores.create(dir.resolve("app.pfx"), 2048);

        M365Properties both = properties("a-secret", pfx, TestKeystores.PASSWORD);

        assertThat(both.usesCertificate()).isTrue();
        assertThat(both.toString()).contains("credential=certificate").doesNotContain("a-secret");
        new AppCredentials(both);
    }

    @Test
    void aPfxThatDoesNotOpenWithItsPasswordStopsStartUp() {
        Path pfx = TestKeystores.create(dir.resolve("app.p12"), 2048);

        assertThatThrownBy(() -> new AppCredentials(properties(null, pfx, "not-the-password")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("palisade.m365.client-certificate-password")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void aPemWithoutThePrivateKeyOrAMissingFileStopsStartUp() throws Exception {
        Path certificateOnly = Files.writeString(
                dir.resolve("app.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> new AppCredentials(properties(null, certificateOnly, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> new AppCredentials(properties(null, dir.resolve("missing.pem"), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a readable file");
    }

    private static M365Properties properties(String secret, Path certificate, String password) {
        return new M365Properties(
                "11111111-2222-3333-4444-555555555555",
                secret,
                null,
                null,
                URI.create("https://palisade.example/webhooks/m365"),
                null,
                null,
                certificate,
                password);
    }
}
