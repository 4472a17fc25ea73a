/**
 * Commands of the simulator run from a shell: the standalone simulator ({@code java -jar palisade-simulator.jar})
 * and the traffic export.
 */
package io.palisade.simulator.cli;
