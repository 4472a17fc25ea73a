/**
 * Raw RFC 822 messages and chat files into {@link io.palisade.detection.model.ParsedMessage}, leniently and within
 * {@link io.palisade.detection.parse.ParseLimits}.
 */
package io.palisade.detection.parse;
