/** Teams chats: chat-message notifications, their files fetched and scanned, malicious messages hidden. */
package io.palisade.m365.chat;
