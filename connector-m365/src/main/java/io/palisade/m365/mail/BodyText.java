package io.palisade.m365.mail;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.ItemBody;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * Whether a message body as Exchange keeps it reads as the body Palisade sent: the same visible text, with
 * whitespace collapsed. Exchange rewrites the markup of a stored HTML body (head, styles, attribute order), so
 * the bytes cannot be compared; the text a reader sees stays. A banner changes that text (its headline, its
 * reasons, or its absence), so a PATCH Exchange ignored reads as the old body.
 *
 * <p>Two renders with the same visible text read the same: when Exchange ignores such a PATCH, the reader sees
 * what the new banner would show.
 */
final class BodyText {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0]+");

    private BodyText() {}

    static boolean sameReading(ItemBody stored, BodyType sentType, String sentContent) {
        return reading(stored.getContentType(), stored.getContent()).equals(reading(sentType, sentContent));
    }

    /** The visible text of a body, whitespace collapsed. */
    static String reading(BodyType type, String content) {
        if (content == null) {
            return "";
        }
        String text =
                type == BodyType.Text ? content : Jsoup.parse(content).body().text();
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
