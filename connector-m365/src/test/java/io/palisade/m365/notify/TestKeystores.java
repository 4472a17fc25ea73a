package io.palisade.m365.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PKCS12 keystores made at test time with the JDK's keytool, as an administrator would make the rich-notification
 * certificate: a self-signed RSA certificate and its key. Nothing is downloaded or checked in.
 */
public final class TestKeystores {

    /** The password of every test keystore and its key. */
    public static final String PASSWORD = "test-only-keystore-password";

    /** The alias of the key entry. */
    public static final String ALIAS = "palisade-notifications";

    private static Path shared;

    private TestKeystores() {}

    /** One keystore for the whole test run, made on first use. */
    public static synchronized Path shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("palisade-rich-keys");
                dir.toFile().deleteOnExit();
                shared = create(dir.resolve("notifications.p12"), 2048);
                shared.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Makes a keystore at {@code file} with a key of {@code bits}. */
    public static Path create(Path file, int bits) {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = List.of(
                keytool,
                "-genkeypair",
                "-noprompt",
                "-alias",
                ALIAS,
                "-keyalg",
                "RSA",
                "-keysize",
                Integer.toString(bits),
                "-sigalg",
                "SHA256withRSA",
                "-dname",
                "CN=palisade-notifications-test",
                "-validity",
                "30",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a test keystore", e);
        }
    }

    /** The certificate of a test keystore. */
    public static X509Certificate certificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return (X509Certificate) store.getCertificate(ALIAS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rich-notification settings that use a test keystore. */
    public static RichNotificationProperties enabled(Path file, String certificateId) {
        return new RichNotificationProperties(true, file, PASSWORD, null, certificateId, null);
    }
}
