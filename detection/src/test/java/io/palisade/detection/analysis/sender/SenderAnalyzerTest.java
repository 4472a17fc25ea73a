package io.palisade.detection.analysis.sender;

import static io.palisade.detection.analysis.TestMessage.message;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.BRAND_CLAIM_FOREIGN_LINK;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.DISPLAY_NAME_ADDRESS_MISMATCH;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.FIRST_CONTACT;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.FREEMAIL_COMPANY_CLAIM;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.HOMOGRAPH_DOMAIN;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.INSIDER_IMPERSONATION;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.KNOWN_BRAND_DISPLAY_NAME;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.LOOKALIKE_BRAND_DOMAIN;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.LOOKALIKE_OWN_DOMAIN;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.TENANT_BRAND_IMPERSONATION;
import static io.palisade.detection.analysis.sender.SenderAnalyzer.VIP_IMPERSONATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.model.ParsedMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderAnalyzerTest {
    private final SenderAnalyzer analyzer = new SenderAnalyzer();

    private final TestScanContext context = TestScanContext.tenant()
            .vip("Jane Doe")
            .insider("Robert Miller")
            .brand("Contoso")
            .sentBefore("ceo.jane@gmail.com", 3)
            .sentBefore("rob@partner-firm.com", 12)
            .sentBefore("service@paypal.com", 40)
            .sentBefore("billing@contoso-pay.com", 2)
            .sentBefore("ap@c0ntoso.com", 2)
            .sentBefore("alerts@mybank-online.net", 5)
            .sentBefore("jane.doe@partner-firm.com", 5);

    private List<String> signals(ParsedMessage message) {
        CollectingFindings findings = new CollectingFindings();
        analyzer.analyze(message, context, findings);
        return findings.signals();
    }

    private List<String> signalsFrom(String displayName, String address) {
        return signals(message().from(displayName, address).build());
    }

    @Test
    void flagsOutsidersUsingAVipsNameInAnyForm() {
        assertThat(signalsFrom("Jane Doe", "ceo.jane@gmail.com")).containsExactly(VIP_IMPERSONATION);
        assertThat(signalsFrom("Doe, Jane (CEO)", "ceo.jane@gmail.com")).containsExactly(VIP_IMPERSONATION);
        assertThat(signalsFrom("Jаne Dое", "ceo.jane@gmail.com")).containsExactly(VIP_IMPERSONATION);
    }

    @Test
    void flagsOutsidersUsingAColleaguesOrTheTenantsBrandName() {
        assertThat(signalsFrom("Robert Miller", "rob@partner-firm.com")).containsExactly(INSIDER_IMPERSONATION);
        assertThat(signalsFrom("Contoso Payroll", "rob@partner-firm.com")).containsExactly(TENANT_BRAND_IMPERSONATION);
    }

    @Test
    void acceptsInsidersAndOutsidersWithOtherNames() {
        assertThat(signalsFrom("Jane Doe", "jane.doe@contoso.com")).isEmpty();
        assertThat(signalsFrom("Robert Miller", "robert@eu.contoso.com")).isEmpty();
        assertThat(signalsFrom("Janet Doerr", "jane.doe@partner-firm.com")).isEmpty();
        assertThat(signalsFrom("Rob from Partner Firm", "rob@partner-firm.com")).isEmpty();
    }

    @Test
    void flagsDomainsImitatingTheTenantsOwn() {
        assertThat(signalsFrom("Accounts", "billing@contoso-pay.com")).containsExactly(LOOKALIKE_OWN_DOMAIN);
        assertThat(signalsFrom("Accounts", "ap@c0ntoso.com")).containsExactly(HOMOGRAPH_DOMAIN);
        assertThat(signals(message()
                        .from("Accounts", "rob@partner-firm.com")
                        .replyTo("ap@contosso.com")
                        .build()))
                .containsExactly(LOOKALIKE_OWN_DOMAIN);
    }

    @Test
    void flagsDomainsImitatingWellKnownBrands() {
        assertThat(signalsFrom("Service", "service@paypa1.com")).contains(HOMOGRAPH_DOMAIN);
        assertThat(signalsFrom("Service", "service@xn--pypal-4ve.com")).contains(HOMOGRAPH_DOMAIN);
        assertThat(signalsFrom("Service", "service@microsoft-support.com")).contains(LOOKALIKE_BRAND_DOMAIN);
        assertThat(signalsFrom("Service", "service@docusing.com")).contains(LOOKALIKE_BRAND_DOMAIN);
    }

    @Test
    void acceptsBrandsOwnAndUnrelatedDomains() {
        assertThat(signalsFrom("PayPal", "service@paypal.com")).isEmpty();
        assertThat(signalsFrom("Bank alerts", "alerts@mybank-online.net")).isEmpty();
        assertThat(LookalikeDomains.imitatedBrand("mail.github.com")).isEmpty();
        assertThat(LookalikeDomains.imitatedBrand("partner-firm.com")).isEmpty();
        assertThat(LookalikeDomains.imitatedOwnDomain("fabrikam.com", List.of("contoso.com")))
                .isEmpty();
    }

    @Test
    void flagsBrandNamesAndAddressesInDisplayNamesThatTheAddressDoesNotBackUp() {
        assertThat(signalsFrom("PayPal Service", "alerts@mybank-online.net")).containsExactly(KNOWN_BRAND_DISPLAY_NAME);
        assertThat(signalsFrom("ap@fabrikam.com", "jane.doe@partner-firm.com"))
                .containsExactly(DISPLAY_NAME_ADDRESS_MISMATCH);
        assertThat(signalsFrom("rob@partner-firm.com", "rob@partner-firm.com")).isEmpty();
    }

    @Test
    void flagsFreeMailSendersPosingAsACompany() {
        assertThat(signalsFrom("Accounts Payable Dept", "ceo.jane@gmail.com")).containsExactly(FREEMAIL_COMPANY_CLAIM);
        assertThat(signalsFrom("Acme Ltd", "ceo.jane@gmail.com")).containsExactly(FREEMAIL_COMPANY_CLAIM);
        assertThat(signalsFrom("Jim Banks", "ceo.jane@gmail.com")).isEmpty();
    }

    @Test
    void flagsFirstContactFromOutsideOnly() {
        assertThat(signalsFrom("New Vendor", "sales@new-vendor.com")).containsExactly(FIRST_CONTACT);
        assertThat(signalsFrom("Alice", "alice@contoso.com")).isEmpty();
        assertThat(signalsFrom("Rob", "rob@partner-firm.com")).isEmpty();
    }

    @Test
    void comparesDomainsWithEditDistanceCountingSwapsAsOne() {
        assertThat(EditDistance.between("paypal", "paypla", 2)).isEqualTo(1);
        assertThat(EditDistance.between("contoso", "contosso", 2)).isEqualTo(1);
        assertThat(EditDistance.between("contoso", "fabrikam", 2)).isEqualTo(3);
    }

    @Test
    void flagsABrandNameOrUnauthenticatedBrandDomainWhoseLinksLeadElsewhere() {
        CollectingFindings byName = new CollectingFindings();
        analyzer.analyze(
                message()
                        .from("PayPal Security", "alerts@mybank-online.net")
                        .link("https://www.paypal.com/", "PayPal")
                        .link("http://account-review-center.net/login", "Confirm now")
                        .build(),
                context,
                byName);
        assertThat(byName.signals()).contains(KNOWN_BRAND_DISPLAY_NAME, BRAND_CLAIM_FOREIGN_LINK);
        assertThat(byName.details(BRAND_CLAIM_FOREIGN_LINK))
                .containsExactly("paypal but links to account-review-center.net");

        assertThat(signals(message()
                        .from("Service", "service@paypal.com")
                        .link("http://203.0.113.9/webscr")
                        .build()))
                .containsExactly(BRAND_CLAIM_FOREIGN_LINK);
    }

    @Test
    void acceptsBrandMailWhoseLinksStayOnTheBrandOrWhoseDomainPassedDmarc() {
        assertThat(signals(message()
                        .from("PayPal", "service@paypal.com")
                        .link("https://www.paypal.com/myaccount")
                        .link("https://www.paypal.me/shop")
                        .link("https://click.sendgrid.net/ls/click?upn=1")
                        .build()))
                .isEmpty();
        TestScanContext trusting =
                TestScanContext.tenant().trustAuthserv("mx.contoso.com").sentBefore("service@paypal.com", 40);
        CollectingFindings authenticated = new CollectingFindings();
        analyzer.analyze(
                message()
                        .from("PayPal", "service@paypal.com")
                        .header(
                                "Authentication-Results",
                                "mx.contoso.com; spf=pass smtp.mailfrom=paypal.com; dmarc=pass header.from=paypal.com")
                        .link("https://partner-shop.example.org/offer")
                        .build(),
                trusting,
                authenticated);
        assertThat(authenticated.signals()).isEmpty();
    }

    @Test
    void doesNotTakeAFreeMailAddressForAClaimOfTheProvidersBrand() {
        assertThat(signals(message()
                        .from("Maria Lopez", "maria.lopez.1984@gmail.com")
                        .link("https://www.eventbrite.com/e/neighbourhood-cleanup-tickets")
                        .build()))
                .doesNotContain(BRAND_CLAIM_FOREIGN_LINK);
        assertThat(signals(message()
                        .from("Tom", "tom.h@outlook.com")
                        .link("https://photos.example-family.net/album/42")
                        .build()))
                .doesNotContain(BRAND_CLAIM_FOREIGN_LINK);
    }

    @Test
    void ignoresLinksOfSendersThatClaimNoBrand() {
        assertThat(signals(message()
                        .from("Rob from Partner Firm", "rob@partner-firm.com")
                        .link("https://paypal-login-check.net/")
                        .build()))
                .isEmpty();
        assertThat(signals(message()
                        .from("PayPal", "service@paypal.com")
                        .html("<img src='https://tracker.example.net/p.gif' width=1 height=1>")
                        .build()))
                .isEmpty();
    }
}
