package io.palisade.simulator.state;

import java.time.Instant;

/**
 * A file in OneDrive or SharePoint, as a Teams chat shares it.
 *
 * @param webUrl the URL a {@code reference} attachment's {@code contentUrl} holds
 * @param ownerId the mailbox id of the OneDrive's owner, or null
 */
public record DriveItem(
        String id,
        String driveId,
        String name,
        String mimeType,
        String webUrl,
        String ownerId,
        Instant created,
        byte[] bytes) {

    public long size() {
        return bytes.length;
    }
}
