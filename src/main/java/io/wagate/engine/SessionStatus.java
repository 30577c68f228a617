package io.wagate.engine;

/** The life of a session as DESIGN §5 names it. */
public enum SessionStatus {
    STOPPED, STARTING, SCAN_QR_CODE, WORKING, FAILED
}
