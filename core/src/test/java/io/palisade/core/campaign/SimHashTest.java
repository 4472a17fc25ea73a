package io.palisade.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimHashTest {

    static final String PHISH = "Your mailbox is almost full. Verify your account within 24 hours at the link below"
            + " or your messages will be deleted. Thank you, the IT service desk team of Contoso.";

    @Test
    void nearDuplicatesDifferInFewBits() {
        String variant = PHISH.replace("24 hours", "48 hours").replace("Contoso", "Contoso Ltd");

        assertThat(SimHash.distance(SimHash.of(PHISH), SimHash.of(variant)))
                .isLessThanOrEqualTo(CampaignService.MAX_DISTANCE);
    }

    @Test
    void unrelatedTextsAreFarApart() {
        String minutes = "Minutes of the planning meeting: the budget review moves to Tuesday, Alex presents the"
                + " hiring plan and the office move is postponed until the landlord confirms the new lease terms.";

        assertThat(SimHash.distance(SimHash.of(PHISH), SimHash.of(minutes)))
                .isGreaterThan(CampaignService.MAX_DISTANCE);
    }

    @Test
    void identicalTextsAreIdenticalAndEmptyTextIsZero() {
        assertThat(SimHash.of(PHISH)).isEqualTo(SimHash.of(PHISH.toUpperCase()));
        assertThat(SimHash.of("  ... ")).isZero();
    }
}
