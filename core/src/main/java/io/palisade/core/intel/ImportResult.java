package io.palisade.core.intel;

import java.util.List;

/**
 * What an import did.
 *
 * @param accepted indicators read and stored
 * @param added of those, how many were new
 * @param rejected what was refused, each naming the line or object and why
 */
public record ImportResult(int accepted, int added, List<String> rejected) {

    public ImportResult {
        rejected = List.copyOf(rejected);
    }
}
