package io.palisade.detection.analysis.content;

import static io.palisade.detection.analysis.TestMessage.message;
import static io.palisade.detection.analysis.content.ContentAnalyzer.CREDENTIAL_REQUEST;
import static io.palisade.detection.analysis.content.ContentAnalyzer.GIFT_CARD_REQUEST;
import static io.palisade.detection.analysis.content.ContentAnalyzer.HIDDEN_TEXT;
import static io.palisade.detection.analysis.content.ContentAnalyzer.HOMOGLYPH_WORDS;
import static io.palisade.detection.analysis.content.ContentAnalyzer.PAYMENT_CHANGE_REQUEST;
import static io.palisade.detection.analysis.content.ContentAnalyzer.SECRECY_LANGUAGE;
import static io.palisade.detection.analysis.content.ContentAnalyzer.URGENCY_LANGUAGE;
import static io.palisade.detection.analysis.content.ContentAnalyzer.ZERO_WIDTH_CHARACTERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.TestMessage;
import io.palisade.detection.analysis.TestScanContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentAnalyzerTest {
    private final ContentAnalyzer analyzer = new ContentAnalyzer();

    private CollectingFindings analyze(TestMessage message) {
        CollectingFindings findings = new CollectingFindings();
        analyzer.analyze(message.build(), TestScanContext.tenant(), findings);
        return findings;
    }

    private List<String> signalsForText(String text) {
        return analyze(message().subject("Hello").text(text)).signals();
    }

    @Test
    void flagsCredentialRequestsWithUrgency() {
        CollectingFindings findings = analyze(message()
                .subject("Action required: Mailbox quota")
                .text("Dear user, your mailbox has reached its limit. Sign in to verify your account within 24"
                        + " hours or your account will be suspended."));

        assertThat(findings.signals()).containsExactly(CREDENTIAL_REQUEST, URGENCY_LANGUAGE);
        assertThat(findings.details(CREDENTIAL_REQUEST)).containsExactly("\"mailbox quota\"");
    }

    @Test
    void matchesPhrasesAcrossPunctuationCaseAndWildcards() {
        assertThat(signalsForText("Please VERIFY your Microsoft account today."))
                .containsExactly(CREDENTIAL_REQUEST);
        assertThat(signalsForText("Kindly re-enter your password here")).containsExactly(CREDENTIAL_REQUEST);
        assertThat(signalsForText("If you choose to ignore our request, you leave us no choice but to suspend"
                        + " your account."))
                .containsExactly(CREDENTIAL_REQUEST);
        assertThat(signalsForText("Your account has been randomly flagged; please verify your information."))
                .containsExactly(CREDENTIAL_REQUEST);
        assertThat(signalsForText("Please update your records with our new postal address."))
                .doesNotContain(CREDENTIAL_REQUEST);
        assertThat(signalsForText("Don't tell anyone about this, I'll explain later."))
                .containsExactly(SECRECY_LANGUAGE);
    }

    @Test
    void flagsPaymentChangeAndGiftCardFraud() {
        assertThat(signalsForText("Please note our bank details have changed. Kindly update your records with our"
                        + " new account before paying invoice 4471."))
                .containsExactly(PAYMENT_CHANGE_REQUEST);
        assertThat(signalsForText("I need you to buy gift cards for the staff. Scratch the back and send me the"
                        + " codes. Keep this between us."))
                .containsExactly(GIFT_CARD_REQUEST, SECRECY_LANGUAGE);
    }

    @Test
    void acceptsOrdinaryMailThatUsesSingleAlarmingWords() {
        assertThat(signalsForText("Urgent: the meeting moved to 3pm. Please confirm you can attend. The password"
                        + " for the guest wifi is on the whiteboard; payment for lunch is covered."))
                .isEmpty();
        assertThat(signalsForText("Welcome! Please confirm your email address to finish signing up."))
                .isEmpty();
        assertThat(signalsForText("This email is confidential and intended only for the addressee."))
                .isEmpty();
        assertThat(signalsForText("Thanks for the gift card, the kids loved it!"))
                .isEmpty();
        assertThat(signalsForText("Our bank holiday schedule: the office is closed Monday."))
                .isEmpty();
    }

    @Test
    void flagsTextHiddenBetweenWordsOrStuffedInvisibly() {
        String salted = "<p>Your pass<span style='display:none'>qz</span>word exp<span style='display:none'>x"
                + "</span>ires to<span style=\"DISPLAY: none\">lorem</span>day</p>";
        String stuffed = "<p>Invoice attached</p><div style='font-size:0px'>" + "lorem ipsum dolor sit amet ".repeat(12)
                + "</div>";

        assertThat(analyze(message().html(salted)).signals()).contains(HIDDEN_TEXT);
        assertThat(analyze(message().html(stuffed)).details(HIDDEN_TEXT)).containsExactly("264 invisible letters");
        assertThat(analyze(message()
                                .html("<body style='background:#fff'><p style='color:#ffffff'>"
                                        + "word salad ".repeat(30) + "</p></body>"))
                        .signals())
                .containsExactly(HIDDEN_TEXT);
    }

    @Test
    void acceptsPreheadersMobileBlocksAndWhiteTextOnColouredButtons() {
        String newsletter = "<body><div style='display:none;max-height:0;overflow:hidden'>Spring sale: 20% off"
                + " everything this weekend only</div><table><tr><td bgcolor='#d00000'>"
                + "<a style='color:#ffffff' href='https://shop.example/'>" + "Shop the spring sale now ".repeat(10)
                + "</a></td></tr></table><div class='mobile' style='display:none'>Download our app</div>"
                + "<p>Visible news text <span style='font-size:0'>x</span> here.</p></body>";

        assertThat(analyze(message().html(newsletter)).signals()).isEmpty();
    }

    @Test
    void flagsZeroWidthCharactersInsideLatinWords() {
        assertThat(analyze(message().subject("Pay\u200Bpal account").text("hello"))
                        .signals())
                .containsExactly(ZERO_WIDTH_CHARACTERS);
        // The invisible characters are dropped before phrases are matched, so the request is still seen.
        assertThat(signalsForText("Ve\u200Brify y\u200Cour acc\u200Dount"))
                .containsExactly(CREDENTIAL_REQUEST, ZERO_WIDTH_CHARACTERS);
    }

    @Test
    void acceptsZeroWidthJoinersInEmojiAndScriptsThatNeedThem() {
        assertThat(signalsForText("Family: \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 and \uD83D\uDC4D\u200D"))
                .isEmpty();
        assertThat(signalsForText("می\u200Cخواهم کتاب\u200Cها را ببینم \u200Cو"))
                .isEmpty();
        assertThat(signalsForText("\uFEFFHello there, one byte-order mark at the start"))
                .isEmpty();
    }

    @Test
    void flagsWordsMixingLatinWithLookalikeLetters() {
        assertThat(analyze(message().subject("Yоur Аpple ID is locked").text("hello"))
                        .signals())
                .containsExactly(HOMOGLYPH_WORDS);
        assertThat(signalsForText("Please sign in to Miсrosoft and cоnfirm your Оutlook settings"))
                .containsExactly(HOMOGLYPH_WORDS);
    }

    @Test
    void acceptsTextInOtherScriptsAndMixedLanguageSentences() {
        assertThat(signalsForText("Привет, John! Встреча в Microsoft Teams в 10:00."))
                .isEmpty();
        assertThat(signalsForText("会議の資料をSharePointにアップロードしました。")).isEmpty();
        assertThat(signalsForText("The α-helix and β-sheet models")).isEmpty();
    }
}
