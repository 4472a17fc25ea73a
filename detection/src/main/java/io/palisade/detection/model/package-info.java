/**
 * The parsed form of a scanned input that analyzers and rules read. Built once per scan by the parser; immutable
 * once built.
 */
package io.palisade.detection.model;
