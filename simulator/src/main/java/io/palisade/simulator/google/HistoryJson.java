package io.palisade.simulator.google;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One history record in history.list's shape. */
final class HistoryJson {

    private HistoryJson() {}

    static Map<String, Object> of(GmailHistoryRecord record) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", record.messageId());
        message.put("threadId", record.threadId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", String.valueOf(record.id()));
        out.put("messages", List.of(Map.of("id", record.messageId(), "threadId", record.threadId())));
        switch (record.type()) {
            case GmailHistoryRecord.MESSAGE_ADDED -> {
                message.put("labelIds", record.labelIds());
                out.put("messagesAdded", List.of(Map.of("message", message)));
            }
            case GmailHistoryRecord.MESSAGE_DELETED -> out.put("messagesDeleted", List.of(Map.of("message", message)));
            case GmailHistoryRecord.LABEL_ADDED ->
                out.put("labelsAdded", List.of(Map.of("message", message, "labelIds", record.labelIds())));
            case GmailHistoryRecord.LABEL_REMOVED ->
                out.put("labelsRemoved", List.of(Map.of("message", message, "labelIds", record.labelIds())));
            default -> throw new IllegalStateException("unknown history type " + record.type());
        }
        return out;
    }
}
