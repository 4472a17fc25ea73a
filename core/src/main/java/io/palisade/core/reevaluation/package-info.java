/**
 * Re-evaluation: a new verdict version for stored mail when something changes after delivery (an indicator, an
 * analyst, user reports, a new rule pack or model), recording who or what caused it, and the mailbox actions the
 * tenant's policy asks for at the new level.
 */
package io.palisade.core.reevaluation;
