package io.palisade.web.banner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browsers of {@link LiveFanOutBenchmark}, in a process of their own (each side of 10,000 connections needs its
 * own file-descriptor budget). Opens {@code clients} SSE streams round-robin over the page URLs in a file, prints
 * {@code READY} once each has its first state; then for each {@code EXPECT <level>} line on stdin, followed by a
 * {@code T0 <epoch micros>} line, prints {@code DONE <received> <p50 ms> <p99 ms> <max ms>} (latency from T0) when
 * every stream has an event with that level, or after 30 s.
 */
public final class LiveStreamClients {

    private static final AtomicInteger FIRST = new AtomicInteger();
    private static volatile Expectation expected;

    private record Expectation(String level, ConcurrentLinkedQueue<Long> arrivals) {}

    private LiveStreamClients() {}

    public static void main(String[] args) throws Exception {
        // Never outlive the benchmark that started this process.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(2)));
        List<String> urls = Files.readAllLines(Path.of(args[0]));
        int clients = Integer.parseInt(args[1]);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch connected = new CountDownLatch(clients);
        Semaphore connecting = new Semaphore(200);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String url = urls.get(i % urls.size());
            connecting.acquire();
            readers.add(Thread.ofVirtual().start(() -> stream(http, url, connected, connecting)));
        }
        connected.await();
        while (FIRST.get() < clients) {
            Thread.sleep(50);
        }
        System.out.println("READY " + clients);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null && !line.equals("QUIT"); line = commands.readLine()) {
            Expectation e = new Expectation(line.split(" ")[1], new ConcurrentLinkedQueue<>());
            expected = e;
            long t0 = Long.parseLong(commands.readLine().split(" ")[1]);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (e.arrivals().size() < clients && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            System.out.println("DONE " + summary(e.arrivals(), t0));
        }
        System.exit(0);
    }

    private static void stream(HttpClient http, String url, CountDownLatch connected, Semaphore connecting) {
        boolean first = true;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            connecting.release();
            connected.countDown();
            if (response.statusCode() != 200) {
                System.err.println("status " + response.statusCode());
                return;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                long now = micros(Instant.now());
                if (first) {
                    first = false;
                    FIRST.incrementAndGet();
                }
                Expectation e = expected;
                if (e != null && line.contains("\"level\":\"" + e.level() + "\"")) {
                    e.arrivals().add(now);
                }
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("stream failed: " + e);
            connecting.release();
            connected.countDown();
        }
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static String summary(ConcurrentLinkedQueue<Long> arrivals, long t0) {
        long[] sorted = arrivals.stream().mapToLong(a -> a - t0).sorted().toArray();
        if (sorted.length == 0) {
            return "0 - - -";
        }
        return sorted.length + " " + ms(sorted[sorted.length / 2]) + " " + ms(sorted[(int) (sorted.length * 0.99)])
                + " " + ms(sorted[sorted.length - 1]);
    }

    private static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
