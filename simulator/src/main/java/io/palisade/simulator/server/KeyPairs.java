package io.palisade.simulator.server;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/**
 * RSA key pairs made once per JVM and shared by every simulator in it. Generating a 2048-bit key on
 * a cold JVM takes seconds, and tests start one simulator per class; keys are not state, so sharing
 * them keeps every class's state clean.
 */
public final class KeyPairs {

    private KeyPairs() {}

    /** The key of the TLS certificate. */
    public static KeyPair tls() {
        return Tls.PAIR;
    }

    /** The key that signs Microsoft identity tokens. */
    public static KeyPair identity() {
        return Identity.PAIR;
    }

    /** A second, independent key, for another identity platform's tokens. */
    public static KeyPair secondary() {
        return Secondary.PAIR;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no RSA", e);
        }
    }

    private static final class Tls {
        static final KeyPair PAIR = generate();
    }

    private static final class Identity {
        static final KeyPair PAIR = generate();
    }

    private static final class Secondary {
        static final KeyPair PAIR = generate();
    }
}
