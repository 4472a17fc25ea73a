/**
 * Microsoft Graph under {@code /v1.0} and {@code /beta}: users, mail folders, messages, delta,
 * JSON batching, subscriptions and change notifications, Teams chats and shares. Every call is
 * authenticated with a token from {@link io.palisade.simulator.identity}.
 */
package io.palisade.simulator.graph;
