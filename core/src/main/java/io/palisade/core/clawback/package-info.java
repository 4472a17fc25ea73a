/**
 * Clawback and release: one operation (quarantine, release, delete) over every copy of a message or a campaign.
 * Each copy is one {@link io.palisade.core.action.MailAction} run by the action workers, so a clawback resumes
 * after a restart, honours the platform's throttling and never moves a copy twice; copies the platform finds by
 * internet message id that Palisade had not seen are added as they are found.
 */
package io.palisade.core.clawback;
