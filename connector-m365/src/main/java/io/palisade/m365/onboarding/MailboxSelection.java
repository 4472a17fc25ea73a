package io.palisade.m365.onboarding;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The installation's address patterns, used for every tenant that has no {@link TenantSelection} of its own: every
 * user with a mail address, narrowed by {@code include} and then by {@code exclude}, each a list of address patterns
 * where {@code *} matches any run of characters ({@code *@contoso.com}, {@code shared-*}). Empty include means
 * everyone.
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

    /** Whether the mailbox with this address is watched. */
    public boolean watches(String address) {
        return (include.isEmpty() || includes(address)) && !excludes(address);
    }

    /** Whether an include pattern matches the address; false when there is none. */
    public boolean includes(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return include.stream().anyMatch(p -> matches(p, a));
    }

    /** Whether an exclude pattern matches the address. */
    public boolean excludes(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return exclude.stream().anyMatch(p -> matches(p, a));
    }

    private static boolean matches(String pattern, String address) {
        String regex = Pattern.quote(pattern.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
        return address.matches(regex);
    }
}
