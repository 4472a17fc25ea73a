package io.palisade.banners.live;

import java.time.Instant;
import java.util.UUID;

/**
 * The language recorded for one mailbox's owner.
 *
 * @param mailboxId the mailbox, never null
 * @param address the mailbox's address, never null
 * @param locale the BCP 47 tag as recorded, never null
 * @param bannerLanguage the language its banners are written in (English when the recorded one has no wording)
 * @param updatedAt when it was recorded
 */
public record MailboxLocale(UUID mailboxId, String address, String locale, String bannerLanguage, Instant updatedAt) {}
