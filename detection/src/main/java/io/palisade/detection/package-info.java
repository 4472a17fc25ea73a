/**
 * The scanner: a plain Java library (no Spring, no database, no network) that turns a raw message or a chat
 * file into an explainable {@link io.palisade.detection.api.Verdict}. Entry point: {@link
 * io.palisade.detection.api.Scanner}.
 */
package io.palisade.detection;
