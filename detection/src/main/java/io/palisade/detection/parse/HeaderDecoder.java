package io.palisade.detection.parse;

import io.palisade.detection.model.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/** Unfolds and decodes header values and reads the addresses in them, leniently. Stateless. */
final class HeaderDecoder {

    private static final Pattern FOLD = Pattern.compile("\\r?\\n(?=[ \\t])");
    private static final Pattern BARE_ADDRESS =
            Pattern.compile("[A-Za-z0-9._%+'=-]{1,64}+@[A-Za-z0-9.-]{1,253}+\\.[A-Za-z]{2,63}+");
    private static final int MAX_ADDRESSES = 500;

    private HeaderDecoder() {}

    /** Removes folding line breaks; the whitespace after each stays. */
    static String unfold(String value) {
        return FOLD.matcher(value).replaceAll("").strip();
    }

    /** Decodes RFC 2047 encoded words; an undecodable word stays as written. */
    static String decodeWords(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** The mailboxes of an address-list header (From, To, Cc, Reply-To), in order; never null. */
    static List<Address> addresses(String unfoldedValue) {
        List<Address> result = new ArrayList<>();
        AddressList parsed = parseList(unfoldedValue);
        if (parsed != null) {
            for (Mailbox mailbox : parsed.flatten()) {
                if (result.size() == MAX_ADDRESSES) {
                    break;
                }
                result.add(toAddress(mailbox));
            }
        }
        if (result.isEmpty() && !unfoldedValue.isBlank()) {
            result.add(fallback(unfoldedValue));
        }
        return result;
    }

    /** The address in a Return-Path value, without brackets, lower case; empty for {@code <>}. */
    static String returnPath(String unfoldedValue) {
        String bare = unfoldedValue.replace("<", "").replace(">", "").strip();
        int space = bare.indexOf(' ');
        return (space < 0 ? bare : bare.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    private static AddressList parseList(String value) {
        try {
            return LenientAddressParser.DEFAULT.parseAddressList(value);
        } catch (RuntimeException e) {
            // The lenient parser still throws on some garbage; the fallback below reads what it can.
            return null;
        }
    }

    private static Address toAddress(Mailbox mailbox) {
        String name =
                mailbox.getName() == null ? "" : decodeWords(mailbox.getName()).strip();
        String address = mailbox.getAddress() == null ? "" : mailbox.getAddress();
        return new Address(name, address);
    }

    private static Address fallback(String value) {
        Matcher matcher = BARE_ADDRESS.matcher(value);
        if (matcher.find()) {
            String name = value.substring(0, matcher.start())
                    .replace("<", "")
                    .replace("\"", "")
                    .strip();
            return new Address(decodeWords(name), matcher.group());
        }
        return new Address(decodeWords(value).strip(), "");
    }
}
