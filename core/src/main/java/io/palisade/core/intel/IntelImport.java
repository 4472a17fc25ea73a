package io.palisade.core.intel;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports indicator files (plain lists, STIX 2.1 bundles) into a tenant's indicators, in one transaction each. */
@Service
public class IntelImport {

    private static final Logger LOG = LoggerFactory.getLogger(IntelImport.class);

    private final IntelService intel;
    private final Clock clock;

    public IntelImport(IntelService intel, Clock clock) {
        this.intel = intel;
        this.clock = clock;
    }

    /** Imports a plain list; bad lines are refused and reported, the good ones stored. */
    @Transactional
    public ImportResult plainList(
            UUID tenantId, String text, String source, int confidence, Instant expiresAt, String actor) {
        return store(tenantId, PlainListReader.read(text, source, confidence, expiresAt), "plain", actor);
    }

    /**
     * Imports a STIX 2.1 bundle.
     *
     * @throws IllegalArgumentException when the text is not a bundle
     */
    @Transactional
    public ImportResult stixBundle(UUID tenantId, String json, String source, int confidence, String actor) {
        return store(tenantId, StixBundleReader.read(json, source, confidence, clock.instant()), "stix", actor);
    }

    private ImportResult store(UUID tenantId, PlainListReader.Read read, String format, String actor) {
        int added = intel.addAll(tenantId, read.indicators(), actor);
        LOG.info(
                "event=indicators_imported tenant={} format={} accepted={} new={} rejected={}",
                tenantId,
                format,
                read.indicators().size(),
                added,
                read.rejected().size());
        return new ImportResult(read.indicators().size(), added, read.rejected());
    }
}
