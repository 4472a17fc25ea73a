package io.palisade.detection.analysis.content;

import com.ibm.icu.lang.UScript;
import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.ParsedMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Layer 6: what the message says and how it hides it. Requests for credentials, bank-detail changes and gift cards;
 * urgency and secrecy (phrase lists in {@code content/*.txt}, whole phrases on normalised text, never single
 * words); text hidden by HTML styles; zero-width characters inside Latin words; and words that mix Latin letters
 * with look-alikes from Cyrillic, Greek, Armenian or Cherokee.
 */
public final class ContentAnalyzer implements Analyzer {
    public static final String CREDENTIAL_REQUEST = "CREDENTIAL_REQUEST";
    public static final String PAYMENT_CHANGE_REQUEST = "PAYMENT_CHANGE_REQUEST";
    public static final String GIFT_CARD_REQUEST = "GIFT_CARD_REQUEST";
    public static final String URGENCY_LANGUAGE = "URGENCY_LANGUAGE";
    public static final String SECRECY_LANGUAGE = "SECRECY_LANGUAGE";
    public static final String HIDDEN_TEXT = "HIDDEN_TEXT";
    public static final String ZERO_WIDTH_CHARACTERS = "ZERO_WIDTH_CHARACTERS";
    public static final String HOMOGLYPH_WORDS = "HOMOGLYPH_WORDS";

    /** Zero-width characters between Latin letters from which a body counts as obfuscated (one in the subject). */
    static final int ZERO_WIDTH_IN_BODY = 3;

    /** Mixed-script words from which a body counts as obfuscated (one in the subject). */
    static final int HOMOGLYPH_WORDS_IN_BODY = 2;

    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{M}]+");

    private static final Set<Integer> LOOKALIKE_SCRIPTS =
            Set.of(UScript.CYRILLIC, UScript.GREEK, UScript.ARMENIAN, UScript.CHEROKEE);

    private final PhraseList credentials = PhraseList.load("content/credential_request.txt");
    private final PhraseList payments = PhraseList.load("content/payment_change.txt");
    private final PhraseList giftCards = PhraseList.load("content/gift_card.txt");
    private final PhraseList urgency = PhraseList.load("content/urgency.txt");
    private final PhraseList secrecy = PhraseList.load("content/secrecy.txt");

    @Override
    public String name() {
        return "content";
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        List<String> words = Texts.words(message.subject() + "\n" + message.textBody());
        report(credentials.firstMatch(words), CREDENTIAL_REQUEST, findings);
        report(payments.firstMatch(words), PAYMENT_CHANGE_REQUEST, findings);
        report(giftCards.firstMatch(words), GIFT_CARD_REQUEST, findings);
        report(urgency.firstMatch(words), URGENCY_LANGUAGE, findings);
        report(secrecy.firstMatch(words), SECRECY_LANGUAGE, findings);
        message.html()
                .map(HiddenText::inspect)
                .filter(HiddenText.Report::suspicious)
                .ifPresent(hidden -> findings.add(
                        HIDDEN_TEXT,
                        hidden.saltingSnippets() >= HiddenText.SALTING_SNIPPETS
                                ? hidden.saltingSnippets() + " hidden snippets between words"
                                : hidden.stuffedLetters() + " invisible letters"));
        checkZeroWidth(message, findings);
        checkHomoglyphs(message, findings);
    }

    private static void report(Optional<String> phrase, String signal, Findings findings) {
        phrase.ifPresent(p -> findings.add(signal, "\"" + p + "\""));
    }

    private static void checkZeroWidth(ParsedMessage message, Findings findings) {
        int inSubject = zeroWidthBetweenLatinLetters(message.subject());
        int inBody = zeroWidthBetweenLatinLetters(bounded(message.textBody()));
        if (inSubject > 0 || inBody >= ZERO_WIDTH_IN_BODY) {
            findings.add(ZERO_WIDTH_CHARACTERS, (inSubject + inBody) + " invisible characters");
        }
    }

    private static int zeroWidthBetweenLatinLetters(String text) {
        int count = 0;
        for (int i = 1; i < text.length() - 1; i++) {
            if (Texts.isInvisible(text.charAt(i)) && isLatin(text, i - 1, -1) && isLatin(text, i + 1, 1)) {
                count++;
            }
        }
        return count;
    }

    /** Whether the nearest visible character from {@code index} in {@code direction} is a Latin letter. */
    private static boolean isLatin(String text, int index, int direction) {
        int i = index;
        while (i >= 0 && i < text.length() && Texts.isInvisible(text.charAt(i))) {
            i += direction;
        }
        return i >= 0
                && i < text.length()
                && Character.isLetter(text.charAt(i))
                && UScript.getScript(text.charAt(i)) == UScript.LATIN;
    }

    private static void checkHomoglyphs(ParsedMessage message, Findings findings) {
        Optional<String> inSubject = mixedWords(message.subject()).stream().findFirst();
        List<String> inBody = mixedWords(bounded(message.textBody()));
        if (inSubject.isPresent()) {
            findings.add(HOMOGLYPH_WORDS, inSubject.get());
        } else if (inBody.size() >= HOMOGLYPH_WORDS_IN_BODY) {
            findings.add(HOMOGLYPH_WORDS, inBody.getFirst());
        }
    }

    private static List<String> mixedWords(String text) {
        return NOT_LETTERS
                .splitAsStream(text)
                .filter(word -> word.length() >= 3 && mixesLatinWithLookalikes(word))
                .limit(HOMOGLYPH_WORDS_IN_BODY)
                .toList();
    }

    private static boolean mixesLatinWithLookalikes(String word) {
        boolean latin = false;
        boolean lookalike = false;
        for (int i = 0; i < word.length(); ) {
            int codePoint = word.codePointAt(i);
            int script = UScript.getScript(codePoint);
            latin |= script == UScript.LATIN;
            lookalike |= LOOKALIKE_SCRIPTS.contains(script);
            i += Character.charCount(codePoint);
        }
        return latin && lookalike;
    }

    private static String bounded(String text) {
        return text.length() > Texts.MAX_CHARS ? text.substring(0, Texts.MAX_CHARS) : text;
    }
}
