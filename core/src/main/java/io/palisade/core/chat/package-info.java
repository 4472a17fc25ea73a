/** Files shared in Teams chats: each scanned as a chat file, its verdict kept per tenant. */
package io.palisade.core.chat;
