package io.palisade.simulator.control;

/**
 * A message just delivered.
 *
 * @param id the Graph message id
 * @param internetMessageId the Message-ID header (generated when the MIME had none)
 * @param folderId the folder it landed in
 */
public record DeliveredMessage(String id, String internetMessageId, String folderId) {}
