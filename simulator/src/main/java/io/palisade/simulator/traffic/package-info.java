/**
 * The traffic generator: a deterministic stream of realistic mail and Teams deliveries for a simulated tenant,
 * ordinary business mail mixed with labelled attacks. {@link io.palisade.simulator.traffic.TrafficGenerator} is the
 * entry point; everything a delivery contains is re-rendered from the seed and its index, so a caller may keep
 * indices only.
 */
package io.palisade.simulator.traffic;
