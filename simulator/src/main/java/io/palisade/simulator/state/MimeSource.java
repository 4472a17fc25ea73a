package io.palisade.simulator.state;

/**
 * Where a message's raw MIME comes from. Stored mail keeps its bytes compressed; generated mail may
 * keep only what it needs to render the same bytes again, so that many messages fit in little heap.
 */
public interface MimeSource {

    /** The full RFC 5322 message. Each call returns a new array. */
    byte[] bytes();

    /** The size of {@link #bytes()} in bytes. */
    int size();
}
