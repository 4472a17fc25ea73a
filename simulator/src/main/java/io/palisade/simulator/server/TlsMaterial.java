package io.palisade.simulator.server;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulator's TLS identity: a self-signed certificate for localhost, 127.0.0.1 and ::1 made at
 * start, usable as a server {@link SSLContext} and, by clients, as a trust anchor.
 */
public final class TlsMaterial {

    private static final char[] PASSWORD = "simulator".toCharArray();

    private final X509Certificate certificate;
    private final KeyStore keyStore;
    private final KeyStore trustStore;

    private TlsMaterial(X509Certificate certificate, KeyStore keyStore, KeyStore trustStore) {
        this.certificate = certificate;
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** Generates a fresh RSA key and certificate valid for a year. */
    public static TlsMaterial generate() {
        try {
            KeyPair pair = KeyPairs.tls();
            X509Certificate cert = selfSign(pair);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("simulator", pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("simulator", cert);
            return new TlsMaterial(cert, keys, trust);
        } catch (GeneralSecurityException | java.io.IOException | org.bouncycastle.operator.OperatorException e) {
            throw new IllegalStateException("cannot generate the simulator's TLS certificate", e);
        }
    }

    private static X509Certificate selfSign(KeyPair pair)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorException, java.io.IOException {
        X500Name name = new X500Name("CN=Palisade simulator");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))),
                name,
                pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1")
        }));
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** The server side: presents the certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the simulator's server TLS context", e);
        }
    }

    /** A client context that trusts this certificate only. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting the simulator", e);
        }
    }

    /** A trust manager that trusts this certificate only. */
    public X509TrustManager trustManager() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager for the simulator", e);
        }
    }

    /** A key store holding the certificate as a trusted entry (PKCS12, password "simulator"). */
    public KeyStore trustStore() {
        return trustStore;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM form, for curl, browsers and other clients. */
    public String certificatePem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the certificate as PEM", e);
        }
        return out.toString();
    }
}
