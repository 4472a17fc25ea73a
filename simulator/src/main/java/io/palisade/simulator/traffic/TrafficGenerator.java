package io.palisade.simulator.traffic;

import io.palisade.simulator.traffic.scenario.Dice;
import io.palisade.simulator.traffic.scenario.ScenarioContext;
import io.palisade.simulator.traffic.scenario.Scenarios;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A deterministic stream of deliveries for one tenant. Delivery {@code i} depends only on the settings, the directory
 * and {@code i}: {@link #plan(long)} says cheaply what it will be, {@link #render(long)} writes it, and both give the
 * same result every time, so a caller can keep indices and render on request. Thread-safe: it holds no mutable state.
 *
 * <pre>{@code
 * MailboxDirectory tenant = MailboxDirectory.generated("contoso.example", ReceivingPlatform.MICROSOFT_365, 50);
 * TrafficGenerator traffic = new TrafficGenerator(tenant, TrafficSettings.withSeed(42));
 * Delivery delivery = traffic.render(7);
 * byte[] mime = delivery.mail().mime();   // for mail kinds
 * }</pre>
 */
public final class TrafficGenerator {

    /** Attacks of one kind within this many consecutive indices belong to one campaign. */
    public static final int CAMPAIGN_WINDOW = 48;

    private static final long PLAN = 1;
    private static final long CONTENT = 2;
    private static final long MIME = 3;
    private static final long CAMPAIGN = 100;

    private final MailboxDirectory directory;
    private final TrafficSettings settings;

    public TrafficGenerator(MailboxDirectory directory, TrafficSettings settings) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public MailboxDirectory directory() {
        return directory;
    }

    public TrafficSettings settings() {
        return settings;
    }

    /** What delivery {@code index} will be, without rendering it. */
    public DeliveryPlan plan(long index) {
        requireIndex(index);
        Dice dice = Dice.of(settings.seed(), index, PLAN);
        boolean teams = dice.chance(settings.teamsShare());
        boolean attack = dice.chance(settings.attackShare());
        TrafficKind kind = pickKind(dice, teams ? TrafficKind.Channel.TEAMS : TrafficKind.Channel.MAIL, attack);
        String campaign = kind.isAttack() ? campaignId(kind, index) : null;
        return new DeliveryPlan(index, kind, campaign, Recipients.choose(directory, kind, dice), timeOf(index));
    }

    /** Delivery {@code index}, rendered: the same bytes for the same index every time. */
    public Delivery render(long index) {
        DeliveryPlan plan = plan(index);
        Dice campaign = plan.campaign() == null
                ? Dice.of(settings.seed(), index, CAMPAIGN)
                : Dice.of(
                        settings.seed(),
                        index / CAMPAIGN_WINDOW,
                        CAMPAIGN + 1 + plan.kind().ordinal());
        ScenarioContext context =
                new ScenarioContext(directory, plan, Dice.of(settings.seed(), index, CONTENT), campaign);
        return new Delivery(plan, Scenarios.render(context, Dice.of(settings.seed(), index, MIME)));
    }

    /** Deliveries {@code from} to {@code from + count - 1}, rendered lazily in order. */
    public Stream<Delivery> deliveries(long from, long count) {
        requireIndex(from);
        return LongStream.range(from, from + count).mapToObj(this::render);
    }

    /** When the stream's rate schedules delivery {@code index}. */
    public Instant timeOf(long index) {
        return settings.start().plusMillis((long) Math.floor(index * 60_000.0 / settings.perMinute()));
    }

    /** How many deliveries are scheduled at or before {@code time}: indices 0 to the result minus one are due. */
    public long dueBy(Instant time) {
        if (time.isBefore(settings.start())) {
            return 0;
        }
        long elapsed = time.toEpochMilli() - settings.start().toEpochMilli();
        long count = (long) Math.floor(elapsed * settings.perMinute() / 60_000.0) + 1;
        while (count > 0 && timeOf(count - 1).isAfter(time)) {
            count--;
        }
        while (!timeOf(count).isAfter(time)) {
            count++;
        }
        return count;
    }

    private TrafficKind pickKind(Dice dice, TrafficKind.Channel channel, boolean attack) {
        List<TrafficKind> candidates = new ArrayList<>();
        int total = 0;
        for (TrafficKind kind : TrafficKind.values()) {
            if (kind.channel() == channel && kind.isAttack() == attack) {
                candidates.add(kind);
                total += kind.weight();
            }
        }
        int roll = dice.between(0, total - 1);
        for (TrafficKind kind : candidates) {
            roll -= kind.weight();
            if (roll < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("no kind for channel=" + channel + " attack=" + attack);
    }

    private String campaignId(TrafficKind kind, long index) {
        long key = Dice.mix(settings.seed() * 31 + kind.ordinal() * 1_000_003L + index / CAMPAIGN_WINDOW);
        return kind.label() + "-" + String.format("%08x", key & 0xffffffffL);
    }

    private static void requireIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be 0 or more, got " + index);
        }
    }
}
