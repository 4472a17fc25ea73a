/**
 * The scanner that runs the stages in order (parse, prefilter, analyzers, rules, model, score) and tells its
 * observers. Entry point: {@link io.palisade.detection.engine.DefaultScanner#builder()}.
 */
package io.palisade.detection.engine;
