package io.palisade.lifecycle;

import io.palisade.core.verdict.VerdictChanged;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/** Collects the remote verdict changes the test context republishes. */
public class RemoteVerdicts {

    private final List<VerdictChanged> remote = new CopyOnWriteArrayList<>();

    @EventListener
    void on(VerdictChanged change) {
        if (change.remote()) {
            remote.add(change);
        }
    }

    public List<VerdictChanged> remote() {
        return remote;
    }
}
