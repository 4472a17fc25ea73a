package io.palisade.web.banner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal server-sent events reader for tests and benchmarks: each {@code data:} of a {@code state} event. */
final class SseClient implements AutoCloseable {

    private final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final int status;

    /** One event's data and the moment it was read (nanoTime). */
    record Received(String data, long nanos) {}

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        if (status == 200) {
            Thread.ofVirtual().start(this::read);
        }
    }

    static SseClient open(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        return new SseClient(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return status;
    }

    /** The next state event's data, or null when none arrives in time. */
    String next(Duration timeout) throws InterruptedException {
        Received received = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return received == null ? null : received.data();
    }

    /**
     * The next state event whose level differs from {@code shownLevel}, or null when none arrives in time. A page
     * may get the state it shows once more (a change being pushed while it connects); that is no change.
     */
    String nextChange(String shownLevel, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Received received = events.poll(left, TimeUnit.NANOSECONDS);
            if (received == null) {
                return null;
            }
            if (!received.data().contains("\"level\":\"" + shownLevel + "\"")) {
                return received.data();
            }
        }
        return null;
    }

    /** The next state event with its arrival time, or null when none arrives in time. */
    Received nextTimed(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if ("state".equals(name)) {
                        events.add(new Received(data.toString(), System.nanoTime()));
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // Closed by the test or the server: no more events.
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
