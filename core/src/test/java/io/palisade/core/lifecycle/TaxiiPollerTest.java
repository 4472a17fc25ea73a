package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.palisade.core.intel.IntelKind;
import io.palisade.core.intel.IntelService;
import io.palisade.core.intel.TaxiiFeed;
import io.palisade.core.intel.TaxiiPoller;
import io.palisade.core.intel.ThreatIndicator;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.lifecycle.LifecycleFixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Polls a small TAXII 2.1 server on loopback that pages its answer and honours added_after. */
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

    @Autowired
    TaxiiPoller poller;

    @Autowired
    IntelService intel;

    @Autowired
    LifecycleFixtures fixtures;

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

    private UUID tenant() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        return mailboxes.getFirst().getTenantId();
    }

    private String collectionUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/taxii2/api1/collections/phish/";
    }
}
