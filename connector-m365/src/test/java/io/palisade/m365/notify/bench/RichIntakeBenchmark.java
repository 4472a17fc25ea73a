package io.palisade.m365.notify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365Properties;
import io.palisade.m365.M365TestApplication;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.notify.ClientStates;
import io.palisade.m365.notify.GraphEncryption;
import io.palisade.m365.notify.IntakeResult;
import io.palisade.m365.notify.NotificationIntake;
import io.palisade.m365.notify.TestKeystores;
import io.palisade.m365.notify.ValidationTokens;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notification intake with rich notifications on, in process (no HTTP): how fast {@link NotificationIntake} checks
 * and stores one-notification batches, plain, rich with a token already verified (Graph sends one token with many
 * batches), and rich with a new token on every batch (one RS256 verification each). Workers are off, so only the
 * intake is measured; validation tokens are signed by a key served on loopback, since the simulator's key cannot
 * sign tokens for the benchmark.
 *
 * <p>Run with {@code ./mvnw -o -q verify -pl connector-m365 -am -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpalisade.lifecycle.skip=true -Dtest=RichIntakeBenchmark -Dpalisade.bench=true}; figures go to standard output.
 * {@code -Dpalisade.bench.threads} (8) callers, {@code -Dpalisade.bench.seconds} (20) per mode.
 */
@EnabledIfSystemProperty(named = "palisade.bench", matches = "true")
@SpringBootTest(classes = M365TestApplication.class, properties = "palisade.workers.enabled=false")
class RichIntakeBenchmark {

    static final String CERTIFICATE_ID = "palisade-bench";
    static final int THREADS = Integer.getInteger("palisade.bench.threads", 8);
    static final Duration PER_MODE = Duration.ofSeconds(Integer.getInteger("palisade.bench.seconds", 20));
    static final int FRESH_TOKENS = Integer.getInteger("palisade.bench.fresh-tokens", 4000);

    static final RSAKey SIGNING = signingKey();
    static final int KEY_PORT = serveKeys();
    static final int WEBHOOK_PORT = freePort();

    @DynamicPropertySource
    static void benchContext(DynamicPropertyRegistry registry) {
        registry.add("palisade.m365.client-id", () -> SharedSimulator.app().clientId());
        registry.add("palisade.m365.client-secret", () -> SharedSimulator.app().clientSecret());
        registry.add("palisade.m365.graph-base-url", () -> SharedSimulator.get().graphBaseUrl());
        registry.add("palisade.m365.authority-host", () -> SharedSimulator.get().authorityHost());
        registry.add("palisade.m365.notification-url", () -> "http://localhost:" + WEBHOOK_PORT + "/webhooks/m365");
        registry.add("palisade.m365.rich-notifications.enabled", () -> "true");
        registry.add(
                "palisade.m365.rich-notifications.keystore",
                () -> TestKeystores.shared().toString());
        registry.add("palisade.m365.rich-notifications.keystore-password", () -> TestKeystores.PASSWORD);
        registry.add("palisade.m365.rich-notifications.certificate-id", () -> CERTIFICATE_ID);
        registry.add(
                "palisade.m365.rich-notifications.jwks-url",
                () -> "http://127.0.0.1:" + KEY_PORT + "/common/discovery/keys");
    }

    @Autowired
    NotificationIntake intake;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionStore subscriptions;

    @Autowired
    M365Properties m365;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void measuresIntakePlainAndRich() throws Exception {
        OnboardedTenant tenant = OnboardedTenant.create("rich-bench.example", null, onboarding, mailboxes);
        UUID mailbox = mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(
                        tenant.tenant().getId(), Provider.M365, tenant.alice().id())
                .orElseThrow()
                .getId();
        String clientState = ClientStates.generate();
        String subscriptionId = UUID.randomUUID().toString();
        subscriptions.save(new SubscriptionRecord(
                subscriptionId,
                tenant.tenant().getId(),
                mailbox,
                "/users/" + tenant.alice().id() + "/messages",
                ClientStates.hash(clientState),
                Instant.now().plus(1, ChronoUnit.DAYS),
                SubscriptionRecord.Status.ACTIVE,
                CERTIFICATE_ID));
        String content = GraphEncryption.encrypt(
                        "{\"id\":\"m\",\"receivedDateTime\":\"2026-12-04T08:00:00Z\",\"parentFolderId\":\"f\"}",
                        TestKeystores.certificate(TestKeystores.shared()),
                        CERTIFICATE_ID)
                .toString();
        String tenantId = tenant.sim().tenantId();
        String cachedToken = token(tenantId, "cached");
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < FRESH_TOKENS; i++) {
            fresh.add(token(tenantId, "fresh-" + i));
        }
        ConcurrentLinkedQueue<String> freshTokens = new ConcurrentLinkedQueue<>(fresh);
        Notification plain = new Notification(subscriptionId, clientState, null, null);

        // A first, short plain round warms the JVM and the connection pool; its figures are not reported.
        run("warm-up", n -> plain.body(n, "warm"), Duration.ofSeconds(5));
        long before = stored(tenant);
        Result plainResult = run("plain", n -> plain.body(n, "plain"), PER_MODE);
        Notification rich = new Notification(subscriptionId, clientState, content, null);
        Result cached =
                run("rich-cached-token", n -> rich.withToken(cachedToken).body(n, "cached"), PER_MODE);
        Result perBatch = run(
                "rich-new-token-each-batch",
                n -> {
                    String token = freshTokens.poll();
                    return token == null ? null : rich.withToken(token).body(n, "fresh");
                },
                PER_MODE);

        assertThat(stored(tenant) - before).isEqualTo(plainResult.requests() + cached.requests() + perBatch.requests());
    }

    private long stored(OnboardedTenant tenant) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = ?",
                Long.class,
                tenant.tenant().getId(),
                NotificationIntake.MESSAGE_KIND);
    }

    /** Calls the intake from {@link #THREADS} threads for {@code length} or until {@code bodies} gives null. */
    private Result run(String mode, IntFunction<String> bodies, Duration length) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(THREADS);
        long end = System.nanoTime() + length.toNanos();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            Thread.ofPlatform().start(() -> {
                long[] mine = new long[1 << 20];
                int count = 0;
                try {
                    while (System.nanoTime() < end && count < mine.length) {
                        String body = bodies.apply((int) sequence.incrementAndGet());
                        if (body == null) {
                            break;
                        }
                        long t0 = System.nanoTime();
                        IntakeResult result = intake.acceptChanges(body);
                        mine[count++] = System.nanoTime() - t0;
                        if (result.stored() != 1) {
                            throw new IllegalStateException(mode + " did not store a notification: " + result);
                        }
                    }
                } finally {
                    latencies.add(Arrays.copyOf(mine, count));
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Result result = new Result(all.length);
        System.out.printf(
                "bench=m365_intake mode=%s threads=%d requests=%d seconds=%.1f rate_per_s=%.0f p50_ms=%.2f"
                        + " p99_ms=%.2f%n",
                mode, THREADS, all.length, seconds, all.length / seconds, percentile(all, 50), percentile(all, 99));
        return result;
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private String token(String tenantId, String id) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(m365.clientId())
                .issuer("https://sts.windows.net/" + tenantId + "/")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(id)
                .claim("appid", ValidationTokens.GRAPH_PUBLISHER_APP_ID)
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(SIGNING.getKeyID())
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(SIGNING));
        return jwt.serialize();
    }

    private record Result(long requests) {}

    private record Notification(String subscriptionId, String clientState, String content, String token) {

        Notification withToken(String newToken) {
            return new Notification(subscriptionId, clientState, content, newToken);
        }

        String body(int n, String tag) {
            String id = "bench-" + tag + "-" + n;
            String item = "{\"subscriptionId\":\"" + subscriptionId + "\",\"clientState\":\"" + clientState
                    + "\",\"changeType\":\"created\",\"resource\":\"users/bench/messages/" + id
                    + "\",\"resourceData\":{\"@odata.type\":\"#Microsoft.Graph.Message\",\"id\":\"" + id + "\"}"
                    + (content == null ? "" : ",\"encryptedContent\":" + content) + "}";
            return "{\"value\":[" + item + "]" + (token == null ? "" : ",\"validationTokens\":[\"" + token + "\"]")
                    + "}";
        }
    }

    private static RSAKey signingKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("bench-key").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int serveKeys() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            byte[] keys = new JWKSet(SIGNING.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/common/discovery/keys", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                exchange.getResponseBody().write(keys);
                exchange.close();
            });
            server.start();
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
