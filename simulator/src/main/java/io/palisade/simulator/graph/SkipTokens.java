package io.palisade.simulator.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Directory paging tokens ({@code $skiptoken}) as opaque to clients as Graph's: an offset behind a fixed prefix. */
final class SkipTokens {

    private static final String PREFIX = "RFNwdAIAAQAAAB";

    private SkipTokens() {}

    static String encode(int offset) {
        return PREFIX
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
    }

    /** The offset a token stands for; 0 for none; 400 for one the simulator did not make. */
    static int decode(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String raw = new String(
                    Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.US_ASCII);
            return Integer.parseInt(raw);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw GraphErrors.error(
                    400,
                    "Directory_InvalidSkipToken",
                    "The specified page token value has expired and can no longer be included in your request.");
        }
    }
}
