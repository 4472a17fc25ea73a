package io.palisade.m365.graph;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.palisade.m365.M365Properties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The app's proof of identity to a customer tenant's token endpoint: a certificate (a signed client assertion, as
 * Microsoft recommends for production) when {@code palisade.m365.client-certificate} is set, else the client secret.
 * The certificate file is checked when the connector starts, so a wrong path or password stops start-up with a clear
 * message instead of failing every tenant's first token.
 */
final class AppCredentials {

    private final M365Properties properties;

    AppCredentials(M365Properties properties) {
        this.properties = properties;
        if (properties.usesCertificate()) {
            check(properties.clientCertificate(), properties.clientCertificatePassword());
        }
    }

    /** A credential for one tenant; {@code transport} sets the HTTP client (TLS trust) when a test needs it. */
    TokenCredential forTenant(String externalTenantId, Consumer<AadCredentialBuilderBase<?>> transport) {
        if (properties.usesCertificate()) {
            ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder()
                    .tenantId(externalTenantId)
                    .clientId(properties.clientId())
                    .authorityHost(properties.authorityHost().toString());
            String file = properties.clientCertificate().toString();
            if (isPfx(properties.clientCertificate())) {
                builder.pfxCertificate(file).clientCertificatePassword(properties.clientCertificatePassword());
            } else {
                builder.pemCertificate(file);
            }
            transport.accept(builder);
            return builder.build();
        }
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .tenantId(externalTenantId)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .authorityHost(properties.authorityHost().toString());
        transport.accept(builder);
        return builder.build();
    }

    static boolean isPfx(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pfx") || name.endsWith(".p12");
    }

    /** Throws, naming the file (never the password), when it is not a readable key and certificate. */
    static void check(Path file, String password) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("palisade.m365.client-certificate " + file + " is not a readable file");
        }
        if (isPfx(file)) {
            checkPfx(file, password);
        } else {
            checkPem(file);
        }
    }

    private static void checkPfx(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? new char[0] : password.toCharArray());
            boolean hasKey = Collections.list(store.aliases()).stream().anyMatch(alias -> isKey(store, alias));
            if (!hasKey) {
                throw new IllegalStateException("palisade.m365.client-certificate " + file + " holds no private key");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "palisade.m365.client-certificate " + file
                            + " cannot be opened as PKCS12 with palisade.m365.client-certificate-password: "
                            + e.getClass().getSimpleName(),
                    null);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void checkPem(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("palisade.m365.client-certificate " + file + " cannot be read", e);
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----") || !pem.contains("PRIVATE KEY-----")) {
            throw new IllegalStateException("palisade.m365.client-certificate " + file
                    + " must be a PEM file with the private key and the certificate (or a .pfx/.p12 file)");
        }
    }
}
