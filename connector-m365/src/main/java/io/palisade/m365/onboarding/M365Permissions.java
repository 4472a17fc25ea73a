package io.palisade.m365.onboarding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application roles Palisade asks for in admin consent, each with what stops working without it
 * ({@code platform-facts.md} section 7). Several roles are satisfied by a broader one (Mail.ReadWrite covers
 * Mail.Read), as Graph's permission reference says.
 */
public final class M365Permissions {

    /** A role Palisade needs and the tenant did not grant. */
    public record Missing(String role, String effect) {}

    private static final Map<String, Requirement> REQUIRED = new LinkedHashMap<>();

    private record Requirement(Set<String> satisfiedBy, String effect) {}

    static {
        REQUIRED.put(
                "User.Read.All",
                new Requirement(
                        Set.of("User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
                        "mailboxes cannot be discovered, so none is watched"));
        REQUIRED.put(
                "GroupMember.Read.All",
                new Requirement(
                        Set.of(
                                "GroupMember.Read.All",
                                "GroupMember.ReadWrite.All",
                                "Group.Read.All",
                                "Group.ReadWrite.All",
                                "Directory.Read.All",
                                "Directory.ReadWrite.All"),
                        "mailboxes cannot be selected by Entra group; a selection naming groups is not applied"));
        REQUIRED.put(
                "Mail.ReadWrite",
                new Requirement(
                        Set.of("Mail.ReadWrite"),
                        "no quarantine, release, deletion or banner; with Mail.Read alone mail is only scanned"));
        REQUIRED.put(
                "Mail-Advanced.ReadWrite.All",
                new Requirement(
                        Set.of("Mail-Advanced.ReadWrite.All"),
                        "banners are written as re-created copies (new message id) and skip messages with"
                                + " attachments"));
        REQUIRED.put(
                "Chat.Read.All",
                new Requirement(Set.of("Chat.Read.All", "Chat.ReadWrite.All"), "Teams chat messages are not scanned"));
        REQUIRED.put(
                "Chat.UpdatePolicyViolation.All",
                new Requirement(
                        Set.of("Chat.UpdatePolicyViolation.All"), "malicious Teams chat messages cannot be hidden"));
        REQUIRED.put(
                "Files.Read.All",
                new Requirement(
                        Set.of("Files.Read.All", "Files.ReadWrite.All", "Sites.Read.All", "Sites.ReadWrite.All"),
                        "files shared in Teams chats are not scanned"));
    }

    private M365Permissions() {}

    /** The roles asked for, in the order the documentation lists them. */
    public static List<String> required() {
        return List.copyOf(REQUIRED.keySet());
    }

    /** What the granted roles leave out, with the effect of each; empty when everything is granted. */
    public static List<Missing> missing(Set<String> granted) {
        return REQUIRED.entrySet().stream()
                .filter(e -> e.getValue().satisfiedBy().stream().noneMatch(granted::contains))
                .map(e -> new Missing(e.getKey(), e.getValue().effect()))
                .toList();
    }

    /** Whether the granted roles let Palisade read mail at all (subscriptions and fetch need Mail.Read). */
    public static boolean canReadMail(Set<String> granted) {
        return granted.contains("Mail.Read") || granted.contains("Mail.ReadWrite");
    }
}
