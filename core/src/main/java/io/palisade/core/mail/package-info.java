/** Mail items, the indicator index that finds them again, and their raw messages kept for a retention window. */
package io.palisade.core.mail;
