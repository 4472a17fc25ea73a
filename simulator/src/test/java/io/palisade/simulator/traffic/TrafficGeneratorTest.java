package io.palisade.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    @Test
    void sameSeedGivesByteIdenticalDeliveries() {
        TrafficGenerator one = Samples.varied(Samples.M365, 7);
        TrafficGenerator two =
                Samples.varied(MailboxDirectory.generated("contoso.example", ReceivingPlatform.MICROSOFT_365, 50), 7);

        for (long index : Samples.firstOfEachKind(one).values()) {
            Delivery a = one.render(index);
            Delivery b = two.render(index);
            assertThat(a.plan()).isEqualTo(b.plan());
            if (a.payload() instanceof MailMessage mail) {
                assertThat(mail.mime()).isEqualTo(b.mail().mime());
            } else {
                assertThat(a.chat().file()).isEqualTo(b.chat().file());
                assertThat(a.chat().html()).isEqualTo(b.chat().html());
            }
        }
    }

    @Test
    void renderingTheSameIndexAgainGivesTheSameBytes() {
        TrafficGenerator generator = Samples.varied(Samples.GOOGLE, 3);
        for (long index : Samples.firstOfEachKind(generator).values()) {
            if (generator.plan(index).kind().channel() == TrafficKind.Channel.MAIL) {
                assertThat(generator.render(index).mail().mime())
                        .isEqualTo(generator.render(index).mail().mime());
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        TrafficGenerator one = Samples.varied(Samples.M365, 1);
        TrafficGenerator two = Samples.varied(Samples.M365, 2);

        long differentKinds = LongStream.range(0, 200)
                .filter(i -> one.plan(i).kind() != two.plan(i).kind())
                .count();
        assertThat(differentKinds).isGreaterThan(50);
    }

    @Test
    void mixHasTheConfiguredShareOfAttacks() {
        for (double share : new double[] {0.0, 0.1, 0.35}) {
            TrafficGenerator generator = new TrafficGenerator(
                    Samples.M365, TrafficSettings.withSeed(99).withAttackShare(share));
            long attacks = LongStream.range(0, 4000)
                    .filter(i -> generator.plan(i).kind().isAttack())
                    .count();
            assertThat(attacks / 4000.0).isCloseTo(share, org.assertj.core.data.Offset.offset(0.025));
        }
    }

    @Test
    void teamsShareZeroGivesOnlyMail() {
        TrafficGenerator generator =
                new TrafficGenerator(Samples.M365, TrafficSettings.withSeed(5).withTeamsShare(0));
        assertThat(LongStream.range(0, 2000).mapToObj(generator::plan))
                .allMatch(plan -> plan.kind().channel() == TrafficKind.Channel.MAIL);
    }

    @Test
    void campaignsReachSeveralMailboxesAndSpanSeveralDeliveries() {
        TrafficGenerator generator =
                new TrafficGenerator(Samples.M365, TrafficSettings.withSeed(8).withAttackShare(0.4));
        Map<String, Set<Mailbox>> reached = new HashMap<>();
        Map<String, Integer> deliveries = new HashMap<>();
        for (long i = 0; i < 2000; i++) {
            DeliveryPlan plan = generator.plan(i);
            if (plan.kind().isAttack() && plan.kind().channel() == TrafficKind.Channel.MAIL) {
                assertThat(plan.campaign()).startsWith(plan.kind().label() + "-");
                reached.computeIfAbsent(plan.campaign(), c -> new HashSet<>()).addAll(plan.recipients());
                deliveries.merge(plan.campaign(), 1, Integer::sum);
            } else if (!plan.kind().isAttack()) {
                assertThat(plan.campaign()).isNull();
            }
        }
        assertThat(reached.values()).allMatch(mailboxes -> mailboxes.size() >= 2);
        assertThat(reached.values().stream().mapToInt(Set::size).max().orElse(0))
                .isGreaterThanOrEqualTo(10);
        assertThat(deliveries.values()).anyMatch(count -> count >= 3);
    }

    @Test
    void aCampaignKeepsItsSendingDomainAcrossDeliveries() {
        TrafficGenerator generator =
                new TrafficGenerator(Samples.M365, TrafficSettings.withSeed(4).withAttackShare(0.5));
        Map<String, Set<String>> domains = new HashMap<>();
        for (long i = 0; i < 400; i++) {
            DeliveryPlan plan = generator.plan(i);
            if (plan.kind() == TrafficKind.CREDENTIAL_PHISHING || plan.kind() == TrafficKind.QR_CODE_PHISHING) {
                String address = generator.render(i).mail().sender().address();
                domains.computeIfAbsent(plan.campaign(), c -> new HashSet<>())
                        .add(address.substring(address.indexOf('@') + 1));
            }
        }
        assertThat(domains).isNotEmpty();
        assertThat(domains.values()).allMatch(set -> set.size() == 1);
        assertThat(domains.values().stream().flatMap(Set::stream).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void wordingVariesWithinAKind() {
        TrafficGenerator generator = Samples.varied(Samples.M365, 17);
        Set<String> subjects = new HashSet<>();
        for (long i = 0; i < 3000 && subjects.size() < 10; i++) {
            if (generator.plan(i).kind() == TrafficKind.CREDENTIAL_PHISHING) {
                subjects.add(generator.render(i).mail().subject());
            }
        }
        assertThat(subjects).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void someHeadersCarryNonAsciiAsEncodedWords() {
        TrafficGenerator generator = Samples.varied(Samples.M365, 23);
        long encoded = LongStream.range(0, 300)
                .filter(i -> generator.plan(i).kind().channel() == TrafficKind.Channel.MAIL)
                .mapToObj(i -> new String(generator.render(i).mail().mime(), StandardCharsets.US_ASCII))
                .filter(raw -> raw.contains("=?UTF-8?Q?") || raw.contains("=?UTF-8?B?"))
                .count();
        assertThat(encoded).isGreaterThan(20);
    }

    @Test
    void deliveriesFollowTheRate() {
        Instant start = Instant.parse("2026-05-01T09:00:00Z");
        TrafficGenerator generator = new TrafficGenerator(
                Samples.M365, TrafficSettings.withSeed(1).withRate(120).startingAt(start));

        assertThat(generator.timeOf(0)).isEqualTo(start);
        assertThat(generator.timeOf(2)).isEqualTo(start.plusSeconds(1));
        assertThat(generator.dueBy(start.minusMillis(1))).isZero();
        assertThat(generator.dueBy(start)).isEqualTo(1);
        assertThat(generator.dueBy(start.plusSeconds(60))).isEqualTo(121);
        assertThat(generator.plan(5).deliverAt()).isEqualTo(start.plusMillis(2500));
    }

    @Test
    void recipientsAreDistinctMailboxesOfTheDirectory() {
        TrafficGenerator generator = Samples.varied(Samples.GOOGLE, 31);
        for (long i = 0; i < 500; i++) {
            List<Mailbox> recipients = generator.plan(i).recipients();
            assertThat(recipients).doesNotHaveDuplicates().isSubsetOf(Samples.GOOGLE.mailboxes());
        }
    }

    @Test
    void aDirectoryOfOneStillGetsEveryKind() {
        MailboxDirectory tiny = MailboxDirectory.generated("solo.example", ReceivingPlatform.MICROSOFT_365, 1);
        TrafficGenerator generator = Samples.varied(tiny, 2);
        for (long index : Samples.firstOfEachKind(generator).values()) {
            Delivery delivery = generator.render(index);
            assertThat(delivery.plan().recipients()).containsExactly(tiny.executive());
        }
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(() -> TrafficSettings.withSeed(1).withAttackShare(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attackShare");
        assertThatThrownBy(() -> TrafficSettings.withSeed(1).withRate(0)).hasMessageContaining("perMinute");
        assertThatThrownBy(() -> Samples.varied(Samples.M365, 1).plan(-1)).hasMessageContaining("-1");
    }
}
