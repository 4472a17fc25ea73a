package io.palisade.banners.bench;

import io.palisade.banners.TestBanners;
import io.palisade.banners.inject.BannerInjector;
import io.palisade.banners.inject.InjectionOptions;
import io.palisade.banners.inject.InjectionResult;
import io.palisade.banners.render.RenderedBanner;
import io.palisade.detection.api.RiskLevel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Measures banner injections per second on one thread, for a typical 50 KB message: multipart/alternative with
 * a table-laid-out HTML newsletter body and a text body, plus a small base64 attachment.
 *
 * <p>Run: {@code ./mvnw -q -pl banners -am test-compile} then
 * {@code java -cp "$(cat banners/target/bench.classpath)" io.palisade.banners.bench.InjectionBenchmark}; see
 * docs/banners.md for the exact commands and the recorded figure.
 */
public final class InjectionBenchmark {
    private static final int WARM_UP_SECONDS = 5;
    private static final int MEASURE_SECONDS = 10;

    private InjectionBenchmark() {}

    public static void main(String[] args) {
        byte[] message = typicalMessage();
        RenderedBanner banner = TestBanners.banner(RiskLevel.SUSPICIOUS, "msg-bench", Locale.ENGLISH);
        InjectionOptions options = TestBanners.options();
        BannerInjector injector = new BannerInjector();

        run(injector, message, banner, options, WARM_UP_SECONDS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long count = run(injector, message, banner, options, MEASURE_SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;

        // Per CPU-second is the figure that survives a busy machine; per wall-second is what one thread delivered.
        System.out.printf(
                Locale.ROOT,
                "message_bytes=%d injections=%d wall_s=%.2f cpu_s=%.2f per_wall_second=%.0f per_cpu_second=%.0f "
                        + "cpu_ms_per_injection=%.3f%n",
                message.length,
                count,
                seconds,
                cpuSeconds,
                count / seconds,
                count / cpuSeconds,
                cpuSeconds * 1000 / count);
    }

    private static long run(
            BannerInjector injector, byte[] message, RenderedBanner banner, InjectionOptions options, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long count = 0;
        long sink = 0;
        while (System.nanoTime() < deadline) {
            InjectionResult result = injector.inject(message, banner, options);
            if (!result.rewritten()) {
                throw new IllegalStateException("benchmark message was not rewritten: " + result.detail());
            }
            sink += result.mime().length;
            count++;
        }
        return sink > 0 ? count : 0;
    }

    /** About 50 KB: a 36 KB HTML body of rows and inline styles, its text form, an 8 KB attachment. */
    static byte[] typicalMessage() {
        StringBuilder html = new StringBuilder("<html><head><style>p{margin:0}</style></head><body>"
                + "<table width=\"600\" cellpadding=\"0\" cellspacing=\"0\" style=\"width:600px\">");
        StringBuilder text = new StringBuilder();
        for (int row = 0; html.length() < 36_000; row++) {
            html.append("<tr><td style=\"padding:8px 16px;font-family:Arial,sans-serif;font-size:14px;color:#333\">")
                    .append("<p>Item ")
                    .append(row)
                    .append(": quarterly figures for the northern region are attached for review.</p>")
                    .append("<a href=\"https://news.example.com/item/")
                    .append(row)
                    .append("\" style=\"color:#0067b8\">Read more</a></td></tr>\n");
            text.append("Item ").append(row).append(": quarterly figures for the northern region.\n");
        }
        html.append("</table></body></html>\n");
        byte[] attachment = new byte[8 * 1024];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31);
        }
        String mime = "From: News <news@example.com>\nTo: reader@example.org\nSubject: Weekly figures\n"
                + "Message-ID: <bench@example.com>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
                + "--outer\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
                + "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text
                + "\n--alt\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + html
                + "\n--alt--\n\n--outer\nContent-Type: application/octet-stream; name=\"figures.bin\"\n"
                + "Content-Disposition: attachment; filename=\"figures.bin\"\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\n--outer--\n";
        return mime.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
