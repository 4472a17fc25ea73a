package io.palisade.m365.onboarding;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Published for each watched mailbox whose owner's preferred language the directory gave, on onboarding and on every
 * refresh. The application stores it where banners read it; the connector keeps no copy.
 *
 * @param tenantId never null
 * @param mailboxId the Palisade mailbox, never null
 * @param locale the language Graph gave in {@code preferredLanguage}, never null
 */
public record MailboxLanguageRead(UUID tenantId, UUID mailboxId, Locale locale) {
    public MailboxLanguageRead {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(locale, "locale");
    }
}
