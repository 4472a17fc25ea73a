package io.palisade.m365.onboarding;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which of one tenant's users are watched: those in an included Entra group (members of nested groups count) or
 * matching an included address pattern, less those in an excluded group or matching an excluded pattern. Exclusion
 * wins. With no include rule at all, every user with a mail address is included.
 *
 * @param includeGroups Entra group ids (GUIDs) whose transitive members are watched; never null
 * @param excludeGroups Entra group ids whose transitive members are never watched; never null
 * @param includeAddresses address patterns ({@code *} any run of characters) that are watched; never null
 * @param excludeAddresses address patterns that are never watched; never null
 */
public record TenantSelection(
        List<String> includeGroups,
        List<String> excludeGroups,
        List<String> includeAddresses,
        List<String> excludeAddresses) {

    /** At most this many groups or patterns in each list. */
    public static final int MAX_ENTRIES = 100;

    private static final Pattern GROUP_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** @throws IllegalArgumentException naming the first group id or pattern that is not valid */
    public TenantSelection {
        includeGroups = groups(includeGroups, "includeGroups");
        excludeGroups = groups(excludeGroups, "excludeGroups");
        includeAddresses = patterns(includeAddresses, "includeAddresses");
        excludeAddresses = patterns(excludeAddresses, "excludeAddresses");
    }

    /** The installation's address patterns, for a tenant that has no selection of its own. */
    public static TenantSelection of(MailboxSelection installation) {
        return new TenantSelection(List.of(), List.of(), installation.include(), installation.exclude());
    }

    /** Whether any group is named, so the groups' members must be read before the selection can be applied. */
    public boolean usesGroups() {
        return !includeGroups.isEmpty() || !excludeGroups.isEmpty();
    }

    /** The address part of the selection. */
    MailboxSelection addresses() {
        return new MailboxSelection(includeAddresses, excludeAddresses);
    }

    private static List<String> groups(List<String> ids, String field) {
        List<String> out = ids == null
                ? List.of()
                : ids.stream()
                        .map(id -> id == null ? "" : id.trim().toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList();
        limit(out, field);
        out.stream().filter(id -> !GROUP_ID.matcher(id).matches()).findFirst().ifPresent(id -> {
            throw new IllegalArgumentException(field + ": not an Entra group id: '" + id + "'");
        });
        return out;
    }

    private static List<String> patterns(List<String> patterns, String field) {
        List<String> out = patterns == null
                ? List.of()
                : patterns.stream()
                        .map(p -> p == null ? "" : p.trim())
                        .distinct()
                        .toList();
        limit(out, field);
        out.stream().filter(p -> p.isEmpty() || p.length() > 320).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException(field + ": an address pattern must be 1 to 320 characters");
        });
        return out;
    }

    private static void limit(List<String> entries, String field) {
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(field + ": at most " + MAX_ENTRIES + " entries, got " + entries.size());
        }
    }
}
