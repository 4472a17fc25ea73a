/** Encryption of secrets at rest (AES-256-GCM, rotating keys). */
package io.palisade.core.crypto;
