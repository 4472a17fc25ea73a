/** Verdict history: every change is a new version; the highest is the current verdict. */
package io.palisade.core.verdict;
