package io.palisade.core.intel;

/** Whether and how Palisade logs in to a TAXII collection. */
public enum TaxiiAuth {
    /** No credentials: the collection is public. */
    NONE,
    /** HTTP Basic, username and password. */
    BASIC,
    /** An API key in a header. */
    API_KEY
}
