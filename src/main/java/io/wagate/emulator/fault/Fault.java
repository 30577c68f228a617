package io.wagate.emulator.fault;

import java.time.Duration;
import java.util.Optional;

/** One fault: its type, the account it is limited to (every account when empty), and its delay. */
public record Fault(FaultType type, Optional<String> number, Duration delay) {
    public boolean appliesTo(String accountNumber) {
        return number.map(n -> n.equals(accountNumber)).orElse(true);
    }
}
