/** The detection API that {@code core} calls: {@code scan(input, context) -> Verdict}. Types here are stable. */
package io.palisade.detection.api;
