package io.palisade.web.onboarding;

import io.palisade.banners.live.BannerSettings;
import io.palisade.m365.onboarding.MailboxLanguageRead;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands the language the Microsoft 365 directory gives for each watched mailbox's owner to the banners, which write
 * that mailbox's banners and live page in it.
 */
@Component
class MailboxLanguages {

    private final BannerSettings banners;

    MailboxLanguages(BannerSettings banners) {
        this.banners = banners;
    }

    @EventListener
    void store(MailboxLanguageRead read) {
        banners.saveLocale(read.tenantId(), read.mailboxId(), read.locale());
    }
}
