package io.wagate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/** {@code wagate_ws_clients} and {@code wagate_ws_slow_disconnects_total}. */
final class MicrometerStreamMetrics implements StreamMetrics {
    private final Counter tooSlow;
    private volatile IntSupplier connected = () -> 0;

    MicrometerStreamMetrics(MeterRegistry registry) {
        Gauge.builder("wagate.ws.clients", () -> connected.getAsInt())
                .description("WebSocket clients connected to /v1/ws")
                .register(registry);
        this.tooSlow = Counter.builder("wagate.ws.slow.disconnects")
                .description("WebSocket clients disconnected because their queue of frames was full")
                .register(registry);
    }

    @Override
    public void clients(IntSupplier connected) {
        this.connected = connected;
    }

    @Override
    public void tooSlow() {
        tooSlow.increment();
    }
}
