package io.palisade.m365.graph;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for Graph and the identity platform when they are not the public cloud's (a private CA, or the
 * simulated tenant of the demo mode). Without such a bean the JVM's default trust store is used.
 *
 * @param sslContext an SSL context initialised with {@code trustManager}, never null
 * @param trustManager never null
 */
public record GraphTrust(SSLContext sslContext, X509TrustManager trustManager) {}
