package io.palisade.simulator.traffic;

/** What a delivery carries: a mail message or a Teams chat message with a file. */
public sealed interface Payload permits MailMessage, ChatPost {}
