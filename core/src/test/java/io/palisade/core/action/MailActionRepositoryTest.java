package io.palisade.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.MutableClock;
import io.palisade.core.TestFixtures;
import io.palisade.core.mail.MailItem;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

@SpringBootTest
class MailActionRepositoryTest {

    @Autowired
    MailActionRepository actions;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    MutableClock clock;

    @Test
    void recordsAttemptsErrorsAndTheProviderIdBeforeAndAfter() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<a1@x.test>");
        MailAction action = actions.save(new MailAction(
                item.getTenantId(), item.getId(), null, ActionKind.QUARANTINE, "policy", clock.instant()));

        action.start(item.getProviderMessageId(), clock.instant());
        action.fail("HTTP 429 from the platform", true, clock.instant());
        action.start(item.getProviderMessageId(), clock.instant());
        action.succeed("AAMk-in-quarantine", "inbox", clock.instant());
        actions.save(action);

        MailAction stored =
                actions.findByTenantIdAndId(item.getTenantId(), action.getId()).orElseThrow();
        assertThat(stored.getStatus()).isEqualTo(ActionStatus.DONE);
        assertThat(stored.getAttempts()).isEqualTo(2);
        assertThat(stored.getProviderIdBefore()).isEqualTo(item.getProviderMessageId());
        assertThat(stored.getProviderIdAfter()).isEqualTo("AAMk-in-quarantine");
        assertThat(stored.getOriginalFolder()).isEqualTo("inbox");
        assertThat(stored.getLastError()).isNull();
    }

    @Test
    void aPermanentFailureKeepsItsReason() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<a2@x.test>");
        MailAction action = actions.save(
                new MailAction(item.getTenantId(), item.getId(), null, ActionKind.BANNER, "policy", clock.instant()));

        action.start(item.getProviderMessageId(), clock.instant());
        action.fail("message is S/MIME signed", false, clock.instant());
        actions.save(action);

        assertThat(actions.findByTenantIdAndStatusOrderByCreatedAt(
                        item.getTenantId(), ActionStatus.FAILED, PageRequest.of(0, 10)))
                .singleElement()
                .satisfies(failed -> assertThat(failed.getLastError()).isEqualTo("message is S/MIME signed"));
    }

    @Test
    void anotherTenantSeesNoneOfTheActions() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<a3@x.test>");
        MailAction action = actions.save(new MailAction(
                item.getTenantId(), item.getId(), null, ActionKind.HARD_DELETE, "analyst:kim", clock.instant()));
        UUID other = fixtures.tenant().getId();

        assertThat(actions.findByTenantIdAndId(other, action.getId())).isEmpty();
        assertThat(actions.findByTenantIdAndMailItemIdOrderByCreatedAt(other, item.getId()))
                .isEmpty();
        assertThat(actions.countByTenantIdAndStatus(other, ActionStatus.PENDING))
                .isZero();
        assertThat(actions.findByTenantIdAndMailItemIdOrderByCreatedAt(item.getTenantId(), item.getId()))
                .extracting(MailAction::getKind)
                .containsExactly(ActionKind.HARD_DELETE);
    }
}
