package io.palisade.m365.graph;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.palisade.core.connector.ConnectorException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends many independent Graph GETs as JSON batches of at most 20 (platform-facts section 2.3) through the SDK's
 * {@link BatchRequestContent}, and reads each item's own status: a 429, 5xx or 424 item is sent again in a later
 * batch after the longest Retry-After among them, as long as that wait is within the inline limit; a longer wait
 * ends the call as retryable with that Retry-After, so the work queue waits instead of a thread. A 404 item is an
 * absent result; any other failed item fails the call. Items parse as Graph objects or, for raw content such as a
 * message's MIME, as bytes. Requests of one mailbox go one batch after another, so its four concurrent requests are
 * never exceeded; requests that each name another mailbox ({@link #getAllAcrossMailboxes}) go as up to
 * {@code palisade.m365.throttle.parallel-batches} batches at once.
 */
@Component
public class GraphBatch {

    /** Graph's maximum number of requests in one batch. */
    public static final int MAX_REQUESTS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(GraphBatch.class);
    private static final int MAX_ROUNDS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Duration inlineRetryAfter;
    private final int parallelBatches;

    public GraphBatch(ThrottleProperties throttle) {
        this.inlineRetryAfter = throttle.inlineRetryAfter();
        this.parallelBatches = throttle.parallelBatches();
    }

    /**
     * Runs requests that each name a different mailbox (a search of every mailbox) and parses each success with
     * {@code factory}. Several batches are in flight at once, since no mailbox gets more than one request of them.
     *
     * @param requests the requests by the caller's key, in the order results are wanted
     * @return the parsed results by key; a key whose item answered 404 is missing
     */
    public <K, T extends Parsable> Map<K, T> getAllAcrossMailboxes(
            GraphServiceClient graph, Map<K, RequestInformation> requests, ParsableFactory<T> factory)
            throws ConnectorException {
        return run(graph, requests, (answer, step) -> answer.getResponseById(step, factory), parallelBatches);
    }

    /**
     * Runs every request for raw content (a message's {@code $value}), which a batch answer carries base64-encoded.
     *
     * @param requests the requests by the caller's key, in the order results are wanted
     * @return the bytes by key; a key whose item answered 404 is missing
     */
    public <K> Map<K, byte[]> getAllBytes(GraphServiceClient graph, Map<K, RequestInformation> requests)
            throws ConnectorException {
        return run(graph, requests, GraphBatch::bytes, 1);
    }

    /** Reads one successful item of a batch answer. */
    private interface ItemReader<T> {
        T read(BatchResponseContent answer, String step) throws IOException, ConnectorException;
    }

    private <K, T> Map<K, T> run(
            GraphServiceClient graph, Map<K, RequestInformation> requests, ItemReader<T> reader, int parallel)
            throws ConnectorException {
        Map<K, T> results = new LinkedHashMap<>();
        Map<K, RequestInformation> pending = new LinkedHashMap<>(requests);
        for (int round = 1; !pending.isEmpty(); round++) {
            Retry retry = new Retry();
            List<K> keys = new ArrayList<>(pending.keySet());
            List<List<K>> chunks = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += MAX_REQUESTS) {
                chunks.add(keys.subList(from, Math.min(keys.size(), from + MAX_REQUESTS)));
            }
            for (Map<K, T> chunkResults : sendAll(graph, chunks, pending, reader, retry, parallel)) {
                results.putAll(chunkResults);
            }
            pending.keySet().retainAll(retry.keys());
            if (!pending.isEmpty()) {
                waitOrGiveUp(retry, round, pending.size());
            }
        }
        Map<K, T> ordered = new LinkedHashMap<>();
        requests.keySet().stream().filter(results::containsKey).forEach(k -> ordered.put(k, results.get(k)));
        return ordered;
    }

    /** Sends the chunks, {@code parallel} at a time; each chunk's results in the chunks' order. */
    private <K, T> List<Map<K, T>> sendAll(
            GraphServiceClient graph,
            List<List<K>> chunks,
            Map<K, RequestInformation> pending,
            ItemReader<T> reader,
            Retry retry,
            int parallel)
            throws ConnectorException {
        List<Map<K, T>> out = new ArrayList<>();
        if (parallel <= 1 || chunks.size() <= 1) {
            for (List<K> chunk : chunks) {
                out.add(sendChunk(graph, chunk, pending, reader, retry));
            }
            return out;
        }
        List<Future<Map<K, T>>> futures = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(
                Math.min(parallel, chunks.size()), Thread.ofVirtual().factory())) {
            for (List<K> chunk : chunks) {
                futures.add(senders.submit(() -> sendChunk(graph, chunk, pending, reader, retry)));
            }
            for (Future<Map<K, T>> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof ConnectorException failure) {
                throw failure;
            }
            throw GraphErrors.map("batch", e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.retryable("interrupted while sending batches", null, e);
        }
    }

    private <K, T> Map<K, T> sendChunk(
            GraphServiceClient graph,
            List<K> chunk,
            Map<K, RequestInformation> pending,
            ItemReader<T> reader,
            Retry retry)
            throws ConnectorException {
        Map<K, T> results = new LinkedHashMap<>();
        send(graph, chunk, pending, reader, results, retry);
        return results;
    }

    private <K, T> void send(
            GraphServiceClient graph,
            List<K> chunk,
            Map<K, RequestInformation> pending,
            ItemReader<T> reader,
            Map<K, T> results,
            Retry retry)
            throws ConnectorException {
        BatchRequestContent content = new BatchRequestContent(graph);
        Map<String, K> byStep = new HashMap<>();
        for (K key : chunk) {
            byStep.put(content.addBatchRequestStep(pending.get(key)), key);
        }
        BatchResponseContent answer;
        try {
            answer = graph.getBatchRequestBuilder().post(content, null);
        } catch (IOException e) {
            throw ConnectorException.retryable("batch failed: " + e.getClass().getSimpleName(), null, e);
        } catch (RuntimeException e) {
            throw GraphErrors.map("batch", e);
        }
        Map<String, Integer> statuses = answer.getResponsesStatusCode();
        for (Map.Entry<String, K> step : byStep.entrySet()) {
            Integer status = statuses.get(step.getKey());
            K key = step.getValue();
            if (status == null) {
                retry.add(key, Optional.empty());
            } else if (BatchResponseContent.isSuccessStatusCode(status)) {
                results.put(key, read(reader, answer, step.getKey()));
            } else if (status == 429 || status == 424 || status >= 500) {
                retry.add(key, retryAfter(answer.getResponseById(step.getKey())));
            } else if (status != 404) {
                throw ConnectorException.permanent("batch item failed with status " + status, null);
            }
        }
    }

    private static <T> T read(ItemReader<T> reader, BatchResponseContent answer, String step)
            throws ConnectorException {
        try {
            return reader.read(answer, step);
        } catch (IOException e) {
            throw ConnectorException.retryable(
                    "batch item unreadable: " + e.getClass().getSimpleName(), null, e);
        }
    }

    /** A raw item's body: a JSON string holding the content in base64, as Graph batches non-JSON answers. */
    private static byte[] bytes(BatchResponseContent answer, String step) throws IOException, ConnectorException {
        Response response = answer.getResponseById(step);
        String body = response == null || response.body() == null
                ? ""
                : response.body().string();
        JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
        if (json == null || !json.isString()) {
            throw ConnectorException.permanent("batch item carries no base64 content", null);
        }
        try {
            return Base64.getDecoder().decode(json.asString());
        } catch (IllegalArgumentException e) {
            throw ConnectorException.permanent("batch item content is not base64", e);
        }
    }

    private void waitOrGiveUp(Retry retry, int round, int count) throws ConnectorException {
        Duration wait = retry.longest();
        if (round >= MAX_ROUNDS || wait.compareTo(inlineRetryAfter) > 0) {
            LOG.warn("event=m365_batch_deferred items={} round={} retry_after_ms={}", count, round, wait.toMillis());
            throw ConnectorException.retryable("batch items throttled", wait, null);
        }
        LOG.info("event=m365_batch_retry items={} round={} retry_after_ms={}", count, round, wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.retryable("interrupted while waiting for Retry-After", wait, e);
        }
    }

    private static Optional<Duration> retryAfter(Response response) {
        String header = response == null ? null : response.header("Retry-After");
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The items to send again and the longest wait any of them asked for (1 s when none said); batches in flight
     * at once add to it together. */
    private static final class Retry {
        private final List<Object> keys = new ArrayList<>();
        private Duration longest = Duration.ZERO;

        synchronized void add(Object key, Optional<Duration> after) {
            keys.add(key);
            Duration wait = after.orElse(Duration.ofSeconds(1));
            if (wait.compareTo(longest) > 0) {
                longest = wait;
            }
        }

        synchronized List<Object> keys() {
            return List.copyOf(keys);
        }

        synchronized Duration longest() {
            return longest;
        }
    }
}
