package io.palisade.m365;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the application logs while a test runs, at the levels configured: every event that reaches the root logger,
 * from any thread, as its line (logger, level, message, context and any exception's stack trace). Close it to stop
 * capturing.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** Every line logged so far, from every thread. */
    public List<String> lines() {
        return events().stream().map(CapturedLog::line).toList();
    }

    /** The lines logged so far by the calling thread. */
    public List<String> linesOfThisThread() {
        String thread = Thread.currentThread().getName();
        return events().stream()
                .filter(e -> thread.equals(e.getThreadName()))
                .map(CapturedLog::line)
                .toList();
    }

    private List<ILoggingEvent> events() {
        // The appender adds under its own lock (AppenderBase.doAppend is synchronized on it).
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    private static String line(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(' ')
                .append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            line.append(' ').append(event.getMDCPropertyMap());
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(thrown));
        }
        return line.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
