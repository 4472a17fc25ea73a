package io.palisade.core.connector;

/** The mail platforms Palisade protects. */
public enum Provider {
    /** Microsoft 365, through Microsoft Graph. */
    M365,
    /** Google Workspace, through the Gmail API. */
    GWS
}
