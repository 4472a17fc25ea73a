/**
 * The scenarios that write each kind of traffic: templates with slots and several variants each, filled from a
 * {@link io.palisade.simulator.traffic.scenario.Dice} seeded by the stream seed and the delivery index, so that the
 * same delivery always reads the same and different deliveries do not share one fixed wording.
 */
package io.palisade.simulator.traffic.scenario;
