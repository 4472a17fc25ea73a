package io.palisade.web.banner;

import java.util.List;

/**
 * What the live page shows, in the recipient's language; also the JSON of every server-sent {@code state} event.
 *
 * @param level the level's name (CSS class and test hook), never null
 * @param label the level in words, never null
 * @param headline the level's sentence, never null
 * @param reasons the reasons in plain words, never null
 * @param lang the BCP 47 tag of the language used, never null
 * @param dir {@code ltr} or {@code rtl}
 * @param decidedAt when the verdict shown was recorded (ISO 8601)
 * @param updatedText "Last assessed: ..." in the recipient's language, UTC
 * @param sequence orders updates: a page ignores an update older than the one it shows
 */
public record LiveView(
        String level,
        String label,
        String headline,
        List<String> reasons,
        String lang,
        String dir,
        String decidedAt,
        String updatedText,
        long sequence) {}
