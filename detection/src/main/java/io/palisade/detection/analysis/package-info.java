/** The analyzers of the detection layers, each a small class behind {@link io.palisade.detection.analysis.Analyzer}. */
package io.palisade.detection.analysis;
