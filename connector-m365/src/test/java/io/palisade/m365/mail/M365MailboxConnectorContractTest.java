package io.palisade.m365.mail;

import io.palisade.core.connector.MailboxConnector;
import io.palisade.core.connector.contract.MailboxConnectorContract;
import io.palisade.core.connector.contract.MailboxPlatform;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.onboarding.M365Onboarding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** M365MailboxConnector passes the contract when the tenant granted every role, and when it withheld Mail-Advanced. */
@SpringBootTest
class M365MailboxConnectorContractTest extends M365IntegrationTest {

    @Autowired
    M365MailboxConnector connector;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    static OnboardedTenant full;
    static OnboardedTenant withoutAdvanced;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (M365MailboxConnectorContractTest.class) {
            if (full == null) {
                full = OnboardedTenant.create("contract-full.example", null, onboarding, mailboxes);
                java.util.Set<String> roles = new java.util.HashSet<>(full.sim().roles());
                roles.remove("Mail-Advanced.ReadWrite.All");
                withoutAdvanced = OnboardedTenant.create("contract-basic.example", roles, onboarding, mailboxes);
            }
        }
    }

    /** Banner write-back by PATCH of the body: the tenant granted Mail-Advanced.ReadWrite.All. */
    @Nested
    class WithEveryRole extends MailboxConnectorContract {
        @Override
        protected MailboxConnector connector() {
            return connector;
        }

        @Override
        protected MailboxPlatform platform() {
            return full.platform();
        }
    }

    /** Banner write-back by a non-draft copy: Mail-Advanced.ReadWrite.All withheld, so PATCH and importMime fail. */
    @Nested
    class WithoutMailAdvanced extends MailboxConnectorContract {
        @Override
        protected MailboxConnector connector() {
            return connector;
        }

        @Override
        protected MailboxPlatform platform() {
            return withoutAdvanced.platform();
        }
    }
}
