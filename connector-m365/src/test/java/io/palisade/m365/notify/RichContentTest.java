package io.palisade.m365.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Encrypted resource data is opened only when its signature holds, with the configured certificate's key. */
class RichContentTest {

    static final String CERTIFICATE_ID = "palisade-test-cert";
    static final String RESOURCE = "{\"id\":\"m1\",\"internetMessageId\":\"<a@b>\"}";

    static RichNotificationKeys keys;
    static X509Certificate certificate;

    @TempDir
    static Path dir;

    @BeforeAll
    static void keystore() {
        keys = new RichNotificationKeys(TestKeystores.enabled(TestKeystores.shared(), CERTIFICATE_ID));
        certificate = TestKeystores.certificate(TestKeystores.shared());
    }

    @Test
    void decryptsContentEncryptedAsGraphDoes() throws Exception {
        ObjectNode content = GraphEncryption.encrypt(RESOURCE, certificate, CERTIFICATE_ID);

        assertThat(new String(RichContent.decrypt(content, keys), StandardCharsets.UTF_8))
                .isEqualTo(RESOURCE);
    }

    @Test
    void refusesContentWhoseSignatureWasTampered() throws Exception {
        ObjectNode content =
                GraphEncryption.withTamperedSignature(GraphEncryption.encrypt(RESOURCE, certificate, CERTIFICATE_ID));

        assertThatThrownBy(() -> RichContent.decrypt(content, keys))
                .isInstanceOf(RichContentException.class)
                .hasMessage("signature_mismatch");
    }

    @Test
    void refusesContentWhoseDataWasTampered() throws Exception {
        ObjectNode content = GraphEncryption.encrypt(RESOURCE, certificate, CERTIFICATE_ID);
        byte[] data = Base64.getDecoder().decode(content.get("data").asString());
        data[data.length - 1] ^= 1;
        content.put("data", Base64.getEncoder().encodeToString(data));

        assertThatThrownBy(() -> RichContent.decrypt(content, keys)).hasMessage("signature_mismatch");
    }

    @Test
    void refusesContentForAnotherCertificateId() throws Exception {
        ObjectNode content = GraphEncryption.encrypt(RESOURCE, certificate, "someone-else");

        assertThatThrownBy(() -> RichContent.decrypt(content, keys)).hasMessage("unknown_certificate_id");
    }

    @Test
    void refusesContentWhoseKeyWasWrappedForAnotherCertificate() throws Exception {
        X509Certificate other = TestKeystores.certificate(TestKeystores.create(dir.resolve("other.p12"), 2048));
        ObjectNode content = GraphEncryption.encrypt(RESOURCE, other, CERTIFICATE_ID);

        assertThatThrownBy(() -> RichContent.decrypt(content, keys)).hasMessage("data_key_not_decryptable");
    }

    @Test
    void refusesContentWithoutASignature() throws Exception {
        ObjectNode content = GraphEncryption.encrypt(RESOURCE, certificate, CERTIFICATE_ID);
        content.remove("dataSignature");

        assertThatThrownBy(() -> RichContent.decrypt(content, keys)).hasMessage("missing_dataSignature");
    }

    @Test
    void keysHandTheCertificateForSubscriptionsButNotTheirPassword() {
        assertThat(keys.enabled()).isTrue();
        assertThat(keys.certificateId()).isEqualTo(CERTIFICATE_ID);
        assertThat(Base64.getDecoder().decode(keys.certificateBase64())).isNotEmpty();
        assertThat(TestKeystores.enabled(TestKeystores.shared(), CERTIFICATE_ID).toString())
                .doesNotContain(TestKeystores.PASSWORD);
    }

    @Test
    void startUpStopsOnAWrongKeystorePasswordWithoutQuotingIt() {
        RichNotificationProperties wrong =
                new RichNotificationProperties(true, TestKeystores.shared(), "not-the-password", null, "c", null);

        assertThatThrownBy(() -> new RichNotificationKeys(wrong))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read the rich-notification keystore")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void startUpStopsOnAKeyGraphDoesNotTake() {
        Path small = TestKeystores.create(dir.resolve("small.p12"), 1024);

        assertThatThrownBy(() -> new RichNotificationKeys(TestKeystores.enabled(small, "c")))
                .hasMessageContaining("1024 bits");
    }

    @Test
    void startUpStopsWithoutACertificateId() {
        assertThatThrownBy(() -> new RichNotificationKeys(TestKeystores.enabled(TestKeystores.shared(), null)))
                .hasMessageContaining("certificate-id");
    }

    @Test
    void disabledKeysReadNoKeystore() {
        RichNotificationKeys disabled =
                new RichNotificationKeys(new RichNotificationProperties(false, null, null, null, null, null));

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.certificateBase64()).isNull();
    }
}
