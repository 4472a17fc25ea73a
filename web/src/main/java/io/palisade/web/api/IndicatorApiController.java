package io.palisade.web.api;

import io.palisade.core.intel.ImportResult;
import io.palisade.core.intel.IntelImport;
import io.palisade.core.intel.IntelKind;
import io.palisade.core.intel.IntelService;
import io.palisade.core.intel.NewIndicator;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's threat-intelligence indicators: list, add (which re-evaluates the stored mail that carries it),
 * expire, import files (plain lists, STIX 2.1 bundles) and TAXII 2.1 collections to poll.
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

    /** A TAXII 2.1 collection to poll. */
    public record FeedRequest(
            @NotBlank String collectionUrl,
            @NotBlank String source,
            @Min(0) @Max(100) int confidence) {}

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
    public List<TaxiiFeed> feeds(@RequestParam UUID tenantId) {
        return taxii.feeds(locator.requireTenant(tenantId));
    }

    @PostMapping("/taxii-feeds")
    public ResponseEntity<TaxiiFeed> addFeed(@RequestParam UUID tenantId, @Valid @RequestBody FeedRequest request) {
        TaxiiFeed feed = taxii.addFeed(
                locator.requireTenant(tenantId), request.collectionUrl(), request.source(), request.confidence());
        return ResponseEntity.status(HttpStatus.CREATED).body(feed);
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
