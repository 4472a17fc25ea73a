package io.palisade.m365.graph;

import java.util.List;
import java.util.Locale;

/**
 * The kind of a Graph request, read from its method and path: a fixed set, so that a metric tagged with it has a
 * bounded number of series whatever ids the paths carry.
 */
public enum GraphOperation {
    /** A {@code $batch} of up to 20 requests, counted as one. */
    BATCH,
    /** Creating, renewing, reauthorizing or deleting a subscription. */
    SUBSCRIPTION,
    /** Teams: chats, chat messages, hosted contents and shared files. */
    CHAT,
    /** A page of a mail folder's delta (catch-up). */
    DELTA,
    /** A message's raw MIME ({@code $value}). */
    MIME,
    /** Reading messages or their properties. */
    MESSAGE_READ,
    /** Changing messages: moves, patches (banners), imports, deletions. */
    MESSAGE_WRITE,
    /** Mail folders (the quarantine folder). */
    FOLDER,
    /** Users and groups (mailbox discovery). */
    DIRECTORY,
    /** Anything else. */
    OTHER;

    /** The tag value: the constant's name in lower case. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a request with this HTTP method and these path segments. */
    public static GraphOperation of(String method, List<String> segments) {
        if (has(segments, "$batch")) {
            return BATCH;
        }
        if (has(segments, "subscriptions")) {
            return SUBSCRIPTION;
        }
        if (has(segments, "chats") || has(segments, "shares")) {
            return CHAT;
        }
        if (has(segments, "delta") || has(segments, "delta()")) {
            return DELTA;
        }
        if (has(segments, "messages")) {
            return message(method, segments);
        }
        if (has(segments, "mailFolders")) {
            return FOLDER;
        }
        if (has(segments, "users") || has(segments, "groups")) {
            return DIRECTORY;
        }
        return OTHER;
    }

    private static GraphOperation message(String method, List<String> segments) {
        if (!"GET".equalsIgnoreCase(method)) {
            return MESSAGE_WRITE;
        }
        return has(segments, "$value") ? MIME : MESSAGE_READ;
    }

    private static boolean has(List<String> segments, String segment) {
        for (String s : segments) {
            if (s.equalsIgnoreCase(segment)) {
                return true;
            }
        }
        return false;
    }
}
