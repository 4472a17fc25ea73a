package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.palisade.core.intel.IntelKind;
import io.palisade.core.intel.IntelService;
import io.palisade.core.intel.TaxiiAuth;
import io.palisade.core.intel.TaxiiCredentials;
import io.palisade.core.intel.TaxiiFeed;
import io.palisade.core.intel.TaxiiPoller;
import io.palisade.core.intel.ThreatIndicator;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.lifecycle.LifecycleFixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Polls a small TAXII 2.1 server on loopback that pages its answer and honours added_after, and has a private
 * collection that answers 401 unless the request carries the right Basic credentials or API key.
 */
@LifecycleTest
class TaxiiPollerTest {

    static final String PAGE_ONE = """
            {"more":true,"next":"page-2","objects":[
              {"type":"indicator","spec_version":"2.1","id":"indicator--1","pattern_type":"stix",
               "pattern":"[domain-name:value = 'payroll-portal.example']","confidence":85}]}
            """;
    static final String PAGE_TWO = """
            {"more":false,"objects":[
              {"type":"indicator","spec_version":"2.1","id":"indicator--2","pattern_type":"stix",
               "pattern":"[url:value = 'https://payroll-portal.example/login']"}]}
            """;

    static final String PASSWORD = "correct-horse-battery";
    static final String BASIC_HEADER =
            "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    static final String API_KEY = "key-5f3c9a7e";

    @Autowired
    TaxiiPoller poller;

    @Autowired
    IntelService intel;

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    final List<String> queries = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    HttpServer server;

    @BeforeEach
    void startTheServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/taxii2/api1/collections/phish/objects/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query + " accept=" + exchange.getRequestHeaders().getFirst("Accept"));
            byte[] body = (query.contains("next=page-2") ? PAGE_TWO : PAGE_ONE).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
            exchange.getResponseHeaders().add("X-TAXII-Date-Added-Last", "2026-12-04T05:00:00.000Z");
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.createContext("/taxii2/api1/collections/private/objects/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String apiKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
            exchange.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
            if (!BASIC_HEADER.equals(authorization) && !API_KEY.equals(apiKey)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"taxii\"");
                exchange.sendResponseHeaders(401, -1);
            } else {
                byte[] body = PAGE_TWO.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopTheServer() {
        server.stop(0);
    }

    @Test
    void storesEveryPageOfTheCollectionAndAsksOnlyForNewObjectsNextTime() {
        UUID tenantId = tenant();
        TaxiiFeed feed = poller.addFeed(tenantId, collectionUrl(), "taxii:phish", 70);

        assertThat(poller.poll(feed)).contains(2);
        assertThat(intel.lookup(tenantId, IntelKind.DOMAIN, "payroll-portal.example"))
                .map(ThreatIndicator::confidence)
                .contains(85);
        assertThat(intel.lookup(tenantId, IntelKind.URL, "https://payroll-portal.example/login"))
                .map(ThreatIndicator::confidence)
                .contains(70);
        assertThat(queries).hasSize(2).allSatisfy(q -> assertThat(q).contains("accept=application/taxii+json"));

        poller.poll(poller.feeds(tenantId).getFirst());
        assertThat(queries.get(2)).contains("added_after=2026-12-04T05%3A00%3A00.000Z");
    }

    @Test
    void aFailedPollIsRecordedOnTheFeedAndLosesItsPlace() {
        UUID tenantId = tenant();
        TaxiiFeed feed = poller.addFeed(tenantId, collectionUrl(), "taxii:phish", 70);
        status = 503;

        Optional<Integer> outcome = poller.poll(feed);

        assertThat(outcome).isEmpty();
        TaxiiFeed after = poller.feeds(tenantId).getFirst();
        assertThat(after.lastError()).contains("503");
        assertThat(after.addedAfter()).isNull();
        assertThat(intel.list(tenantId, 0, 10)).isEmpty();
    }

    @Test
    void feedsBelongToTheirTenantOnly() {
        UUID tenantId = tenant();
        UUID otherTenant = tenant();
        poller.poll(poller.addFeed(tenantId, collectionUrl(), "taxii:phish", 70));

        assertThat(poller.feeds(otherTenant)).isEmpty();
        assertThat(intel.lookup(otherTenant, IntelKind.DOMAIN, "payroll-portal.example"))
                .isEmpty();
    }

    @Test
    void pollsACollectionBehindALoginWithTheFeedsBasicCredentials() {
        UUID tenantId = tenant();
        TaxiiFeed feed = poller.addFeed(
                tenantId, privateUrl(), "taxii:private", 70, new TaxiiCredentials.Basic("alice", PASSWORD));

        assertThat(poller.poll(feed)).contains(1);
        assertThat(intel.lookup(tenantId, IntelKind.URL, "https://payroll-portal.example/login"))
                .isPresent();
        assertThat(poller.feeds(tenantId).getFirst().lastError()).isNull();
    }

    @Test
    void pollsACollectionWithAnApiKeyHeader() {
        UUID tenantId = tenant();
        TaxiiFeed feed = poller.addFeed(
                tenantId, privateUrl(), "taxii:private", 70, new TaxiiCredentials.ApiKey("X-Api-Key", API_KEY));

        assertThat(poller.poll(feed)).contains(1);
        assertThat(intel.list(tenantId, 0, 10)).hasSize(1);
    }

    @Test
    void wrongCredentialsRecordAClearErrorAndImportNothing() {
        UUID tenantId = tenant();
        TaxiiFeed feed = poller.addFeed(
                tenantId, privateUrl(), "taxii:private", 70, new TaxiiCredentials.Basic("alice", "wrong-password"));

        assertThat(poller.poll(feed)).isEmpty();

        TaxiiFeed after = poller.feeds(tenantId).getFirst();
        assertThat(after.lastError()).contains("401").contains("refused the feed's credentials");
        assertThat(after.lastError()).doesNotContain("wrong-password");
        assertThat(intel.list(tenantId, 0, 10)).isEmpty();
    }

    @Test
    void aCollectionThatNeedsALoginIsReportedAsSuchWhenTheFeedHasNoCredentials() {
        UUID tenantId = tenant();
        TaxiiFeed feed = poller.addFeed(tenantId, privateUrl(), "taxii:private", 70);

        assertThat(poller.poll(feed)).isEmpty();

        assertThat(poller.feeds(tenantId).getFirst().lastError())
                .contains("401")
                .contains("has none");
        assertThat(intel.list(tenantId, 0, 10)).isEmpty();
    }

    @Test
    void credentialsAreStoredEncryptedAndOnlyWhetherTheyAreSetIsShown() {
        UUID tenantId = tenant();
        TaxiiFeed feed = poller.addFeed(
                tenantId, privateUrl(), "taxii:private", 70, new TaxiiCredentials.Basic("alice", PASSWORD));

        String stored = jdbc.queryForObject(
                "SELECT credentials_ciphertext FROM taxii_feeds WHERE tenant_id = ? AND id = ?",
                String.class,
                tenantId,
                feed.id());
        assertThat(stored).startsWith("v1:").doesNotContain(PASSWORD).doesNotContain("alice");
        assertThat(feed.credentialsSet()).isTrue();
        assertThat(feed.authentication()).isEqualTo(TaxiiAuth.BASIC);
        assertThat(feed.toString()).doesNotContain(PASSWORD);
        assertThat(new TaxiiCredentials.Basic("alice", PASSWORD).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void updatingAFeedKeepsItsCredentialsUntilTheyAreRemoved() {
        UUID tenantId = tenant();
        poller.addFeed(tenantId, privateUrl(), "taxii:private", 70, new TaxiiCredentials.ApiKey("X-Api-Key", API_KEY));

        TaxiiFeed updated = poller.addFeed(tenantId, privateUrl(), "taxii:renamed", 60);
        assertThat(updated.credentialsSet()).isTrue();
        assertThat(poller.poll(updated)).contains(1);

        TaxiiFeed cleared = poller.setCredentials(tenantId, updated.id(), null);
        assertThat(cleared.credentialsSet()).isFalse();
        assertThat(jdbc.queryForObject(
                        "SELECT credentials_ciphertext FROM taxii_feeds WHERE tenant_id = ? AND id = ?",
                        String.class,
                        tenantId,
                        updated.id()))
                .isNull();
        assertThat(poller.poll(cleared)).isEmpty();
    }

    @Test
    void aUrlHoldingAPasswordIsRefusedWithoutRepeatingIt() {
        UUID tenantId = tenant();
        String url = "http://alice:" + PASSWORD + "@127.0.0.1:"
                + server.getAddress().getPort() + "/taxii2/api1/collections/private/";

        assertThatThrownBy(() -> poller.addFeed(tenantId, url, "taxii:private", 70))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain(PASSWORD);
    }

    @Test
    void credentialsOfOneTenantsFeedAreNotAnotherTenantsToSetOrRead() {
        UUID tenantId = tenant();
        UUID otherTenant = tenant();
        TaxiiFeed feed = poller.addFeed(
                tenantId, privateUrl(), "taxii:private", 70, new TaxiiCredentials.Basic("alice", PASSWORD));

        assertThatThrownBy(() -> poller.setCredentials(otherTenant, feed.id(), null))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(poller.find(otherTenant, feed.id())).isEmpty();
        assertThat(poller.find(tenantId, feed.id()).orElseThrow().credentialsSet())
                .isTrue();
    }

    private String privateUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/taxii2/api1/collections/private/";
    }

    private UUID tenant() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        return mailboxes.getFirst().getTenantId();
    }

    private String collectionUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/taxii2/api1/collections/phish/";
    }
}
