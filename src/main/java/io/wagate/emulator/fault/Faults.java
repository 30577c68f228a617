package io.wagate.emulator.fault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The lasting faults in force; connections ask before they answer. */
public final class Faults {
    private final List<Fault> active = new CopyOnWriteArrayList<>();

    public void add(Fault fault) {
        if (fault.type().lasting()) {
            active.add(fault);
        }
    }

    public void clear() {
        active.clear();
    }

    public List<Fault> active() {
        return List.copyOf(active);
    }

    /** Whether a fault of this type is in force for the account (null: before the account is known). */
    public boolean has(FaultType type, String number) {
        return find(type, number).isPresent();
    }

    public Optional<Fault> find(FaultType type, String number) {
        return active.stream()
                .filter(f -> f.type() == type && (number == null ? f.number().isEmpty() : f.appliesTo(number)))
                .findFirst();
    }

    /** The delay every answer to the account waits (zero without a delay fault). */
    public Duration delay(String number) {
        return find(FaultType.DELAY, number).map(Fault::delay).orElse(Duration.ZERO);
    }
}
