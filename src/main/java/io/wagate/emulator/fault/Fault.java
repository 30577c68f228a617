package io.wagate.emulator.fault;

import java.time.Duration;
import java.util.Optional;

/**
 * One fault: its type, the account it is limited to (every account when empty), its delay, and the error code
 * WhatsApp answers with (an {@code ack-error}'s ack, an {@code iq-error}'s IQ).
 */
public record Fault(FaultType type, Optional<String> number, Duration delay, int code) {
    public Fault(FaultType type, Optional<String> number, Duration delay) {
        this(type, number, delay, type.defaultCode());
    }

    public boolean appliesTo(String accountNumber) {
        return number.map(n -> n.equals(accountNumber)).orElse(true);
    }
}
