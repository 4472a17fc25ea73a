/** Retention: the periodic sweep that deletes raw messages and finished work past their time. */
package io.palisade.core.retention;
