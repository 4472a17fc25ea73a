/** Commands of the simulator that run from a shell and print to standard output. */
package io.palisade.simulator.cli;
