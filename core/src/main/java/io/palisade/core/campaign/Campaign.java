package io.palisade.core.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A campaign and its members.
 *
 * @param internetMessageId the seed's, may be null
 */
public record Campaign(
        UUID id,
        UUID tenantId,
        UUID seedMailItemId,
        String internetMessageId,
        Instant createdAt,
        List<Member> members) {

    /** One message of the campaign. */
    public record Member(UUID mailItemId, MemberReason reason) {}

    /** The members' mail item ids. */
    public List<UUID> mailItemIds() {
        return members.stream().map(Member::mailItemId).toList();
    }
}
