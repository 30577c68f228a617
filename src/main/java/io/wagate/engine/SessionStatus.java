package io.wagate.engine;

/** The life of a session: STOPPED, STARTING, SCAN_QR_CODE (waiting to be linked), WORKING, FAILED (with a reason). */
public enum SessionStatus {
    STOPPED, STARTING, SCAN_QR_CODE, WORKING, FAILED
}
