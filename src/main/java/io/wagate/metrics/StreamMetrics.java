package io.wagate.metrics;

import java.util.function.IntSupplier;

/** What the WebSocket stream reports for {@code /metrics}; calls only count and never block. */
public interface StreamMetrics {
    /** Where the number of connected clients is read from at each scrape; given once, at wiring. */
    void clients(IntSupplier connected);

    /** A client fell so far behind that it was disconnected. */
    void tooSlow();

    StreamMetrics NONE = new StreamMetrics() {
        @Override
        public void clients(IntSupplier connected) {}

        @Override
        public void tooSlow() {}
    };
}
