package io.wagate.net;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The addresses of this machine's own network interfaces (its eth0 address, say): a client must not aim wagate
 * at services on the host through them. Interfaces come and go (DHCP, containers), so the list is read again
 * when it is older than the refresh interval, by whichever check asks next.
 */
public final class OwnAddresses {
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);

    private final Supplier<Set<InetAddress>> lister;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private volatile Snapshot snapshot;

    private record Snapshot(Set<InetAddress> addresses, long readAt) {}

    /** @param lister reads the current addresses; {@code nanoTime} a monotonic clock (tests move it by hand) */
    public OwnAddresses(Supplier<Set<InetAddress>> lister, Duration refresh, LongSupplier nanoTime) {
        this.lister = lister;
        this.refreshNanos = refresh.toNanos();
        this.nanoTime = nanoTime;
    }

    /** This host's interfaces, read every {@link #DEFAULT_REFRESH}. */
    public static OwnAddresses ofHost() {
        return new OwnAddresses(OwnAddresses::interfaces, DEFAULT_REFRESH, System::nanoTime);
    }

    /** None: for guards that must not depend on the machine they run on. */
    public static OwnAddresses none() {
        return new OwnAddresses(Set::of, Duration.ofDays(365), System::nanoTime);
    }

    public boolean contains(InetAddress address) {
        long now = nanoTime.getAsLong();
        var current = snapshot;
        if (current == null || now - current.readAt() >= refreshNanos) {
            current = new Snapshot(Set.copyOf(lister.get()), now);
            snapshot = current;
        }
        // Compared without the IPv6 scope: fe80::1%eth0 and fe80::1 are the same interface address.
        return current.addresses().stream().anyMatch(own -> java.util.Arrays.equals(own.getAddress(), address.getAddress()));
    }

    private static Set<InetAddress> interfaces() {
        try {
            return NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (SocketException e) {
            // Without the list the other rules still hold; the next check tries again.
            return Set.of();
        }
    }
}
