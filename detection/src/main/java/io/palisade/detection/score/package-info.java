/** The signal catalogue ({@code signals/*.yaml}), the scoring configuration, and the scorer that makes verdicts. */
package io.palisade.detection.score;
