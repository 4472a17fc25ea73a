package io.palisade.detection.engine;

/**
 * Told about every finished scan (audit, export, metrics). It reads the report, which is immutable, so it cannot
 * change the verdict. Called on the scanning thread after the verdict is made; an observer that throws is logged
 * and does not affect the scan or the other observers. Implementations are thread-safe and fast.
 */
@FunctionalInterface
public interface ScanObserver {

    void scanned(ScanReport report);
}
