package io.palisade.m365.onboarding;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which of a tenant's users are watched: every user with a mail address, narrowed by {@code include} and then by
 * {@code exclude}, each a list of address patterns where {@code *} matches any run of characters
 * ({@code *@contoso.com}, {@code shared-*}). Empty include means everyone.
 *
 * @param include address patterns a watched mailbox must match (any of them); empty for all
 * @param exclude address patterns that are never watched
 */
@ConfigurationProperties("palisade.m365.mailboxes")
public record MailboxSelection(List<String> include, List<String> exclude) {

    public MailboxSelection {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    // Not yet: selection by Entra group membership (transitiveMembers) is missing; only addresses select.

    /** Whether the mailbox with this address is watched. */
    public boolean watches(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> matches(p, a));
        return included && exclude.stream().noneMatch(p -> matches(p, a));
    }

    private static boolean matches(String pattern, String address) {
        String regex = Pattern.quote(pattern.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
        return address.matches(regex);
    }
}
