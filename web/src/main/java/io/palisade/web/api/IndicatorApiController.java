package io.palisade.web.api;

import io.palisade.core.intel.ImportResult;
import io.palisade.core.intel.IntelImport;
import io.palisade.core.intel.IntelKind;
import io.palisade.core.intel.IntelService;
import io.palisade.core.intel.NewIndicator;
import io.palisade.core.intel.TaxiiAuth;
import io.palisade.core.intel.TaxiiCredentials;
import io.palisade.core.intel.TaxiiFeed;
import io.palisade.core.intel.TaxiiPoller;
import io.palisade.core.intel.ThreatIndicator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's threat-intelligence indicators: list, add (which re-evaluates the stored mail that carries it),
 * expire, import files (plain lists, STIX 2.1 bundles) and TAXII 2.1 collections to poll. A collection's
 * credentials are accepted but never returned: the API shows only whether a feed has some.
 */
@RestController
@RequestMapping("/api/v1/indicators")
public class IndicatorApiController {

    private static final int MAX_IMPORT_CHARS = 20 * 1024 * 1024;

    private final IntelService intel;
    private final IntelImport imports;
    private final TaxiiPoller taxii;
    private final MessageLocator locator;

    public IndicatorApiController(IntelService intel, IntelImport imports, TaxiiPoller taxii, MessageLocator locator) {
        this.intel = intel;
        this.imports = imports;
        this.taxii = taxii;
        this.locator = locator;
    }

    /**
     * An indicator to add.
     *
     * @param expiresAt null when it never expires
     */
    public record IndicatorRequest(
            @NotNull IntelKind kind,
            @NotBlank String value,
            @NotBlank String source,
            @Min(0) @Max(100) int confidence,
            Instant expiresAt) {}

    /**
     * A TAXII 2.1 collection to poll.
     *
     * @param credentials how to log in to it; null keeps the feed's credentials (none for a new feed)
     */
    public record FeedRequest(
            @NotBlank String collectionUrl,
            @NotBlank String source,
            @Min(0) @Max(100) int confidence,
            @Valid CredentialsRequest credentials) {}

    /**
     * A TAXII feed's credentials, write-only: {@code type} {@code basic} (username, password), {@code api-key}
     * (header, value) or {@code none} (poll without credentials).
     */
    public record CredentialsRequest(
            @NotBlank String type, String username, String password, String header, String value) {

        /** The credentials to store; null for {@code none}. */
        TaxiiCredentials toCredentials() {
            return switch (type) {
                case "basic" ->
                    new TaxiiCredentials.Basic(required(username, "username"), required(password, "password"));
                case "api-key" -> new TaxiiCredentials.ApiKey(required(header, "header"), required(value, "value"));
                case "none" -> null;
                default ->
                    throw new IllegalArgumentException("credentials type must be basic, api-key or none, got " + type);
            };
        }

        // Never echoes a value: some are secrets.
        private static String required(String field, String name) {
            if (field == null) {
                throw new IllegalArgumentException("credentials of this type need " + name);
            }
            return field;
        }

        @Override
        public String toString() {
            return "CredentialsRequest[type=" + type + "]";
        }
    }

    /**
     * A TAXII feed as the API shows it: whether it has credentials and of which kind, never the credentials.
     *
     * @param addedAfter the {@code X-TAXII-Date-Added-Last} of the last poll; null before the first
     * @param lastError why the last poll failed; null when it worked
     */
    public record FeedView(
            UUID id,
            UUID tenantId,
            String collectionUrl,
            String source,
            int confidence,
            String addedAfter,
            Instant lastPolledAt,
            String lastError,
            boolean credentialsSet,
            TaxiiAuth authentication) {

        static FeedView of(TaxiiFeed feed) {
            return new FeedView(
                    feed.id(),
                    feed.tenantId(),
                    feed.collectionUrl(),
                    feed.source(),
                    feed.confidence(),
                    feed.addedAfter(),
                    feed.lastPolledAt(),
                    feed.lastError(),
                    feed.credentialsSet(),
                    feed.authentication());
        }
    }

    @GetMapping
    public List<ThreatIndicator> list(
            @RequestParam UUID tenantId,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return intel.list(locator.requireTenant(tenantId), Math.max(0, offset), Math.clamp(limit, 1, 1000));
    }

    /** Adds an indicator; 201 with its id and whether stored mail is being re-evaluated. */
    @PostMapping
    public ResponseEntity<IntelService.Added> add(
            @RequestParam UUID tenantId, @Valid @RequestBody IndicatorRequest request, Principal admin) {
        NewIndicator indicator = new NewIndicator(
                request.kind(), request.value(), request.source(), request.confidence(), request.expiresAt());
        IntelService.Added added = intel.add(locator.requireTenant(tenantId), indicator, admin.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(added);
    }

    /** Ends an indicator now. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> expire(@RequestParam UUID tenantId, @PathVariable UUID id, Principal admin) {
        return intel.expire(locator.requireTenant(tenantId), id, admin.getName())
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    /** Imports a file: {@code format=plain} (one indicator a line) or {@code format=stix} (a STIX 2.1 bundle). */
    @PostMapping("/import")
    public ImportResult importFile(
            @RequestParam UUID tenantId,
            @RequestParam String format,
            @RequestParam String source,
            @RequestParam(defaultValue = "70") int confidence,
            @RequestBody String body,
            Principal admin) {
        UUID tenant = locator.requireTenant(tenantId);
        if (body.length() > MAX_IMPORT_CHARS) {
            throw new IllegalArgumentException("an import may hold at most " + MAX_IMPORT_CHARS + " characters");
        }
        int bounded = Math.clamp(confidence, 0, 100);
        return switch (format) {
            case "plain" -> imports.plainList(tenant, body, source, bounded, null, admin.getName());
            case "stix" -> imports.stixBundle(tenant, body, source, bounded, admin.getName());
            default -> throw new IllegalArgumentException("format must be plain or stix, got " + format);
        };
    }

    @GetMapping("/taxii-feeds")
    public List<FeedView> feeds(@RequestParam UUID tenantId) {
        return taxii.feeds(locator.requireTenant(tenantId)).stream()
                .map(FeedView::of)
                .toList();
    }

    /** Adds a collection, or changes the one with this URL; its credentials only when the request has some. */
    @PostMapping("/taxii-feeds")
    public ResponseEntity<FeedView> addFeed(@RequestParam UUID tenantId, @Valid @RequestBody FeedRequest request) {
        UUID tenant = locator.requireTenant(tenantId);
        TaxiiFeed feed = request.credentials() == null
                ? taxii.addFeed(tenant, request.collectionUrl(), request.source(), request.confidence())
                : taxii.addFeed(
                        tenant,
                        request.collectionUrl(),
                        request.source(),
                        request.confidence(),
                        request.credentials().toCredentials());
        return ResponseEntity.status(HttpStatus.CREATED).body(FeedView.of(feed));
    }

    /** Replaces a feed's credentials ({@code type} none removes them). */
    @PutMapping("/taxii-feeds/{id}/credentials")
    public FeedView setCredentials(
            @RequestParam UUID tenantId, @PathVariable UUID id, @Valid @RequestBody CredentialsRequest request) {
        return FeedView.of(taxii.setCredentials(locator.requireTenant(tenantId), id, request.toCredentials()));
    }

    /** Removes a feed's credentials: it is polled without any. */
    @DeleteMapping("/taxii-feeds/{id}/credentials")
    public FeedView removeCredentials(@RequestParam UUID tenantId, @PathVariable UUID id) {
        return FeedView.of(taxii.setCredentials(locator.requireTenant(tenantId), id, null));
    }

    /** Polls the tenant's collections now instead of at the next scheduled poll. */
    @PostMapping("/taxii-feeds/poll")
    public Map<UUID, Object> pollNow(@RequestParam UUID tenantId) {
        Map<UUID, Object> stored = new java.util.LinkedHashMap<>();
        for (TaxiiFeed feed : taxii.feeds(locator.requireTenant(tenantId))) {
            stored.put(feed.id(), taxii.poll(feed).<Object>map(n -> n).orElse("failed"));
        }
        return stored;
    }
}
