package io.palisade.simulator.graph;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * Graph's side of a webhook: the validation request and notification POSTs, with Graph's time
 * limits (10 s to validate, 3 s to accept a notification; slower than 2.9 s counts as slow).
 */
final class WebhookClient {

    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SLOW = Duration.ofMillis(2900);

    private final HttpClient http;

    WebhookClient(SSLContext sslContext) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(DELIVERY_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(sslContext)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** The outcome of a validation request: null when it passed, else why it failed. */
    String validate(String url, String token) {
        String target = url + (url.contains("?") ? "&" : "?") + "validationToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                .timeout(VALIDATION_TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "Subscription validation request failed. Notification endpoint must respond with 200 OK"
                        + " to validation request.";
            }
            if (!response.body().equals(token)) {
                return "Subscription validation request failed. Response must exactly match validationToken query"
                        + " parameter.";
            }
            return null;
        } catch (HttpTimeoutException e) {
            return "Subscription validation request timed out.";
        } catch (IOException | IllegalArgumentException e) {
            return "Subscription validation request failed. Unable to connect to the remote server.";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Subscription validation request was interrupted.";
        }
    }

    /**
     * POSTs a notification collection.
     *
     * @return the outcome; never null
     */
    Delivery post(String url, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(DELIVERY_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Delivery(response.statusCode(), took, null);
        } catch (IOException | IllegalArgumentException e) {
            return new Delivery(
                    0, Duration.ofNanos(System.nanoTime() - start), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(0, Duration.ZERO, "interrupted");
        }
    }

    /**
     * The outcome of one POST.
     *
     * @param status the HTTP status, 0 when there was no answer
     * @param error why there was no answer, or null
     */
    record Delivery(int status, Duration took, String error) {

        /** Graph counts only a 2xx inside the time limit as delivered. */
        boolean delivered() {
            return status >= 200 && status < 300 && took.compareTo(DELIVERY_TIMEOUT) < 0;
        }

        boolean slow() {
            return took.compareTo(SLOW) > 0;
        }
    }
}
