package io.palisade.simulator.control;

/**
 * How many Graph calls of one kind a tenant's apps made ({@link SimulatorClient#graphRequests}).
 *
 * @param path the path with ids replaced by {@code {id}}, e.g. {@code /v1.0/users/{id}/messages/{id}/$value}
 * @param inBatch whether these came as items of a {@code $batch}
 */
public record GraphRequestCount(String method, String path, boolean inBatch, long count) {}
