/** The standalone simulator command ({@code java -jar palisade-simulator.jar}). */
package io.palisade.simulator.cli;
