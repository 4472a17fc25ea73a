package io.palisade.m365.graph;

import io.palisade.m365.SharedSimulator;
import io.palisade.m365.notify.TestKeystores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;

/**
 * App certificates made at test time, as an administrator makes one for the app registration: a PEM file (private
 * key and certificate) whose certificate is registered on the installation's app in the simulator, and a PFX file
 * whose certificate is not.
 */
final class AppCertificates {

    private static Path registeredPem;
    private static Path unregisteredPfx;

    private AppCertificates() {}

    /** A PEM file whose certificate the app registration holds, made and registered on first use. */
    static synchronized Path registeredPem() {
        if (registeredPem == null) {
            Path pfx = TestKeystores.create(directory().resolve("registered.p12"), 2048);
            String certificate = pem("CERTIFICATE", der(pfx, false));
            SharedSimulator.control()
                    .addApplicationCertificate(SharedSimulator.app().clientId(), certificate);
            registeredPem = write("registered.pem", pem("PRIVATE KEY", der(pfx, true)) + certificate);
        }
        return registeredPem;
    }

    /** A PFX file (password {@link TestKeystores#PASSWORD}) whose certificate no app registration holds. */
    static synchronized Path unregisteredPfx() {
        if (unregisteredPfx == null) {
            unregisteredPfx = TestKeystores.create(directory().resolve("unregistered.p12"), 2048);
        }
        return unregisteredPfx;
    }

    private static byte[] der(Path pfx, boolean key) {
        try (InputStream in = Files.newInputStream(pfx)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, TestKeystores.PASSWORD.toCharArray());
            return key
                    ? store.getKey(TestKeystores.ALIAS, TestKeystores.PASSWORD.toCharArray())
                            .getEncoded()
                    : store.getCertificate(TestKeystores.ALIAS).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path write(String name, String content) {
        try {
            Path file = directory().resolve(name);
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory;

    private static synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("palisade-app-certificates");
                directory.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }
}
