package io.palisade.simulator.state;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * How many Graph calls each tenant's apps made, by method and path shape (ids replaced by {@code {id}}), told apart
 * by whether they came alone or inside a {@code $batch}. Tests read it to check how a client spends its request
 * quota; it is never used to decide an answer.
 */
public final class RequestLog {

    /** One kind of call: {@code GET /v1.0/users/{id}/messages/{id}/$value}, alone or as a batch item. */
    public record Shape(String method, String path, boolean inBatch) {}

    private static final Pattern ID_LIKE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|.{20,}|.*@.*");

    private final Map<String, Map<Shape, LongAdder>> byTenant = new ConcurrentHashMap<>();

    /** Counts one call of the tenant's. */
    public void record(String tenantId, String method, List<String> segments, boolean inBatch) {
        Shape shape = new Shape(method.toUpperCase(Locale.ROOT), shape(segments), inBatch);
        byTenant.computeIfAbsent(tenantId.toLowerCase(Locale.ROOT), t -> new ConcurrentHashMap<>())
                .computeIfAbsent(shape, s -> new LongAdder())
                .increment();
    }

    /** The tenant's counts so far, sorted by path; empty when it made no call. */
    public Map<Shape, Long> counts(String tenantId) {
        Map<Shape, Long> out = new TreeMap<>(java.util.Comparator.comparing(Shape::path)
                .thenComparing(Shape::method)
                .thenComparing(Shape::inBatch));
        byTenant.getOrDefault(tenantId.toLowerCase(Locale.ROOT), Map.of())
                .forEach((shape, count) -> out.put(shape, count.sum()));
        return out;
    }

    /** Forgets the tenant's counts, so a test can count one step alone. */
    public void clear(String tenantId) {
        byTenant.remove(tenantId.toLowerCase(Locale.ROOT));
    }

    /** Forgets every count. */
    public void clear() {
        byTenant.clear();
    }

    private static String shape(List<String> segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(ID_LIKE.matcher(segment).matches() ? "{id}" : segment);
        }
        return path.toString();
    }
}
