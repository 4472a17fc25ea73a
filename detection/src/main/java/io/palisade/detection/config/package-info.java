/** Loading the detection configuration files (signal catalogue, scoring, rules) from the classpath or a folder. */
package io.palisade.detection.config;
