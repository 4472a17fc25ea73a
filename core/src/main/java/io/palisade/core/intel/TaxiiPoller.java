package io.palisade.core.intel;

import io.palisade.core.tenant.TenantService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls TAXII 2.1 collections ({@code GET <collection>/objects/}, section 5.4 of the TAXII 2.1 specification):
 * asks only for objects added after the last poll, follows {@code more}/{@code next} pages, and stores the
 * indicators through {@link IntelImport}. A failed poll is logged and recorded on the feed, and the next poll
 * starts again from the last good position, so nothing is lost. A feed may carry credentials (HTTP Basic or an API
 * key header, {@link TaxiiCredentials}), stored encrypted and sent only to the collection's own URL: redirects are
 * not followed.
 */
@Service
public class TaxiiPoller {

    static final String MEDIA_TYPE = "application/taxii+json;version=2.1";

    private static final Logger LOG = LoggerFactory.getLogger(TaxiiPoller.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PAGES = 100;

    private final JdbcTemplate jdbc;
    private final IntelImport imports;
    private final TenantService tenants;
    private final TaxiiCredentialStore credentials;
    private final Clock clock;
    // Redirect.NEVER (the default, kept on purpose): credentials go to the configured collection only.
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    TaxiiPoller(
            JdbcTemplate jdbc,
            IntelImport imports,
            TenantService tenants,
            TaxiiCredentialStore credentials,
            Clock clock) {
        this.jdbc = jdbc;
        this.imports = imports;
        this.tenants = tenants;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * Adds a collection for the tenant to poll (or changes its source and confidence), keeping the credentials of a
     * feed added before.
     *
     * @throws IllegalArgumentException when the URL is not http(s) or holds a user or password
     */
    @Transactional
    public TaxiiFeed addFeed(UUID tenantId, String collectionUrl, String source, int confidence) {
        return upsert(tenantId, collectionUrl, source, confidence);
    }

    /**
     * Adds a collection for the tenant to poll (or changes it) with the credentials to poll it with.
     *
     * @param credentials stored encrypted; null to poll without credentials (removes any stored before)
     * @throws IllegalArgumentException when the URL is not http(s) or holds a user or password
     */
    @Transactional
    public TaxiiFeed addFeed(
            UUID tenantId, String collectionUrl, String source, int confidence, TaxiiCredentials credentials) {
        TaxiiFeed feed = upsert(tenantId, collectionUrl, source, confidence);
        return setCredentials(tenantId, feed.id(), credentials);
    }

    /**
     * Replaces a feed's credentials.
     *
     * @param credentials stored encrypted; null to poll without credentials
     * @throws NoSuchElementException when the tenant has no such feed
     */
    @Transactional
    public TaxiiFeed setCredentials(UUID tenantId, UUID feedId, TaxiiCredentials credentials) {
        find(tenantId, feedId).orElseThrow(() -> new NoSuchElementException("no TAXII feed " + feedId + " in tenant"));
        if (credentials == null) {
            this.credentials.clear(tenantId, feedId);
        } else {
            this.credentials.store(tenantId, feedId, credentials);
        }
        return find(tenantId, feedId).orElseThrow();
    }

    /** A feed of the tenant, or empty. */
    public Optional<TaxiiFeed> find(UUID tenantId, UUID feedId) {
        return jdbc
                .query("SELECT * FROM taxii_feeds WHERE tenant_id = ? AND id = ?", this::map, tenantId, feedId)
                .stream()
                .findFirst();
    }

    private TaxiiFeed upsert(UUID tenantId, String collectionUrl, String source, int confidence) {
        URI uri = URI.create(collectionUrl);
        if (uri.getRawUserInfo() != null) {
            // The message leaves the URL out: it holds a password.
            throw new IllegalArgumentException(
                    "a TAXII collection URL must not hold a user or password; give them as the feed's credentials");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("a TAXII collection URL must be http(s): " + collectionUrl);
        }
        String url = collectionUrl.endsWith("/") ? collectionUrl : collectionUrl + "/";
        jdbc.update(
                "INSERT INTO taxii_feeds (id, tenant_id, collection_url, source, confidence, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, collection_url)"
                        + " DO UPDATE SET source = EXCLUDED.source, confidence = EXCLUDED.confidence",
                UUID.randomUUID(),
                tenantId,
                url,
                source,
                Math.clamp(confidence, 0, 100),
                Timestamp.from(clock.instant()));
        return feeds(tenantId).stream()
                .filter(f -> f.collectionUrl().equals(url))
                .findFirst()
                .orElseThrow();
    }

    /** The tenant's feeds. */
    public List<TaxiiFeed> feeds(UUID tenantId) {
        return jdbc.query("SELECT * FROM taxii_feeds WHERE tenant_id = ? ORDER BY created_at", this::map, tenantId);
    }

    /** Polls every feed of every tenant once; one feed's failure does not stop the others. */
    public void pollAll() {
        tenants.active().forEach(tenant -> feeds(tenant.getId()).forEach(this::poll));
    }

    /** Polls one feed; returns how many indicators were stored, or empty when the poll failed. */
    public Optional<Integer> poll(TaxiiFeed feed) {
        String addedAfter = feed.addedAfter();
        String next = null;
        int stored = 0;
        try {
            Optional<TaxiiCredentials> login = credentials.load(feed.tenantId(), feed.id());
            for (int page = 0; page < MAX_PAGES; page++) {
                HttpResponse<String> response = get(feed, login, addedAfter, next);
                JsonNode envelope = JSON.readTree(response.body());
                List<String> rejected = new ArrayList<>();
                if (envelope.path("objects").isArray()) {
                    ImportResult result = imports.stixBundle(
                            feed.tenantId(), response.body(), feed.source(), feed.confidence(), "taxii:" + feed.id());
                    stored += result.accepted();
                    rejected.addAll(result.rejected());
                }
                rejected.forEach(r -> LOG.warn("event=taxii_object_refused feed={} reason={}", feed.id(), r));
                String last =
                        response.headers().firstValue("X-TAXII-Date-Added-Last").orElse(null);
                addedAfter = last == null ? addedAfter : last;
                next = envelope.path("next").asString(null);
                if (!envelope.path("more").asBoolean(false) || next == null) {
                    break;
                }
            }
            record(feed, addedAfter, null);
            LOG.info("event=taxii_polled tenant={} feed={} indicators={}", feed.tenantId(), feed.id(), stored);
            return Optional.of(stored);
        } catch (IOException | RuntimeException e) {
            record(feed, feed.addedAfter(), e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.error("event=taxii_poll_failed tenant={} feed={} error={}", feed.tenantId(), feed.id(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpResponse<String> get(TaxiiFeed feed, Optional<TaxiiCredentials> login, String addedAfter, String next)
            throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder(feed.collectionUrl()).append("objects/?match%5Btype%5D=indicator");
        if (addedAfter != null) {
            url.append("&added_after=").append(URLEncoder.encode(addedAfter, StandardCharsets.UTF_8));
        }
        if (next != null) {
            url.append("&next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", MEDIA_TYPE)
                .GET();
        login.ifPresent(credentials -> credentials.applyTo(request));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new IOException("TAXII server answered " + status + " for " + feed.collectionUrl()
                    + (login.isPresent()
                            ? ": it refused the feed's credentials; check them"
                            : ": the collection needs credentials and the feed has none"));
        }
        if (response.statusCode() != 200) {
            throw new IOException("TAXII server answered " + response.statusCode() + " for " + feed.collectionUrl());
        }
        return response;
    }

    private void record(TaxiiFeed feed, String addedAfter, String error) {
        jdbc.update(
                "UPDATE taxii_feeds SET added_after = ?, last_polled_at = ?, last_error = ?"
                        + " WHERE tenant_id = ? AND id = ?",
                addedAfter,
                Timestamp.from(clock.instant()),
                error,
                feed.tenantId(),
                feed.id());
    }

    private TaxiiFeed map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp polled = rs.getTimestamp("last_polled_at");
        return new TaxiiFeed(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("collection_url"),
                rs.getString("source"),
                rs.getInt("confidence"),
                rs.getString("added_after"),
                polled == null ? null : polled.toInstant(),
                rs.getString("last_error"),
                rs.getString("auth_kind") == null ? TaxiiAuth.NONE : TaxiiAuth.valueOf(rs.getString("auth_kind")));
    }
}
