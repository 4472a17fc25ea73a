package io.palisade.core.crypto;

/** A stored secret could not be decrypted. The message never contains the secret or its ciphertext. */
public class SecretDecryptionException extends RuntimeException {

    public SecretDecryptionException(String message) {
        super(message);
    }

    public SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
