/** Palisade simulator module. */
package io.palisade.simulator;
