package io.wagate.emulator.fault;

import java.util.Arrays;
import java.util.Optional;

/** The failures the emulator plays on demand; the wire names are those of {@code POST /faults}. */
public enum FaultType {
    /** 405: every login is refused as from an outdated client until cleared. */
    CLIENT_OUTDATED("client-outdated", true),
    /** 401: the linked devices are removed now (and so their next logins fail). */
    LOGGED_OUT("logged-out", false),
    /** 440: the live connections are told another client replaced them. */
    REPLACED("replaced", false),
    /** 515: the live connections are told to restart. */
    RESTART_REQUIRED("restart-required", false),
    /** The live connections are closed without a word. */
    DROP("drop", false),
    /** Nothing is answered until cleared (the socket stays open). */
    SILENCE("silence", true),
    /** IQs (but pings) are answered with an error ({@code code}, 500 by default) until cleared. */
    IQ_ERROR("iq-error", true),
    /** Every answer waits {@code ms} until cleared. */
    DELAY("delay", true),
    /** Sends are acked with an error {@code code} until cleared: by default 463, to phone-number ids only. */
    ACK_ERROR("ack-error", true),
    /**
     * Messages to the account's devices arrive with their ciphertext damaged until cleared, so the recipient asks
     * for a retry; the sender's answer to a retry receipt (one device, the same id again) arrives whole.
     */
    UNDECRYPTABLE("undecryptable", true),
    /** WebSocket upgrades are refused until cleared. */
    REJECT_UPGRADE("reject-upgrade", true);

    private final String wireName;
    private final boolean lasting;

    FaultType(String wireName, boolean lasting) {
        this.wireName = wireName;
        this.lasting = lasting;
    }

    public String wireName() {
        return wireName;
    }

    /** The error code a fault answers with when the call names none (0: the fault sends no code). */
    public int defaultCode() {
        return switch (this) {
            case ACK_ERROR -> 463;
            case IQ_ERROR -> 500;
            default -> 0;
        };
    }

    /** Lasting faults stay until {@code DELETE /faults}; the others act once on the live connections. */
    public boolean lasting() {
        return lasting;
    }

    public static Optional<FaultType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
