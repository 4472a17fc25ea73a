package io.palisade.core.events;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** This instance's random id, so it can tell its own notifications from other instances'. */
@Component
public class InstanceIdentity {

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}
