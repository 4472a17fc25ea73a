package io.palisade.simulator.graph;

import java.util.Set;

/** The application roles each kind of Graph call accepts, as the permission reference lists them. */
final class Roles {

    static final Set<String> USER_READ = Set.of(
            "User.Read.All",
            "User.ReadWrite.All",
            "User.ReadBasic.All",
            "Directory.Read.All",
            "Directory.ReadWrite.All");
    /** Reading groups and their members (list groups, get group, list transitive members). */
    static final Set<String> GROUP_MEMBER_READ = Set.of(
            "GroupMember.Read.All",
            "GroupMember.ReadWrite.All",
            "Group.Read.All",
            "Group.ReadWrite.All",
            "Directory.Read.All",
            "Directory.ReadWrite.All");

    static final Set<String> MAIL_READ_BASIC =
            Set.of("Mail.ReadBasic", "Mail.ReadBasic.All", "Mail.Read", "Mail.ReadWrite");
    static final Set<String> MAIL_READ = Set.of("Mail.Read", "Mail.ReadWrite");
    static final Set<String> MAIL_WRITE = Set.of("Mail.ReadWrite");
    static final Set<String> MAIL_ADVANCED = Set.of("Mail-Advanced.ReadWrite.All");
    static final Set<String> CHAT_READ = Set.of("Chat.Read.All", "Chat.ReadWrite.All");
    static final Set<String> CHAT_POLICY = Set.of("Chat.UpdatePolicyViolation.All");
    static final Set<String> FILES_READ =
            Set.of("Files.Read.All", "Files.ReadWrite.All", "Sites.Read.All", "Sites.ReadWrite.All");

    private Roles() {}
}
