/**
 * The control API under {@code /_sim/} (tenants, mailboxes, delivery, state, faults, clock) and
 * {@link io.palisade.simulator.control.SimulatorClient}, its Java client.
 */
package io.palisade.simulator.control;
