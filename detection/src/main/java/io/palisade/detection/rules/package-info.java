/**
 * Detection rules written as data: one YAML file per rule under {@code rules/<category>/}, with a condition in
 * Common Expression Language over the message model documented in docs/detection.md.
 */
package io.palisade.detection.rules;
