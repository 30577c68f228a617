package io.wagate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wagate.event.Event;
import io.wagate.event.EventName;
import io.wagate.event.EventPayloads;
import io.wagate.event.EventSubscriber;
import io.wagate.message.Message;
import java.util.List;

/**
 * {@code wagate_messages_sent_total{engine, source}}, {@code wagate_messages_received_total{engine}} and
 * {@code wagate_messages_send_errors_total{engine, code}}, from the event bus: {@code message.any} of one's own
 * messages (through the API or from the phone's app), {@code message} (incoming) and {@code message.ack} with
 * ERROR (by WhatsApp's error code); {@code wagate_messages_undecryptable_total{engine, session}} from
 * {@code message.waiting} with a decryption failure's reason. Only increments, so it is safe on the engine's thread.
 */
public final class MessageCounters implements EventSubscriber {
    private static final List<String> SOURCES = List.of("api", "app");

    private final MeterRegistry registry;

    MessageCounters(MeterRegistry registry, List<String> engines) {
        this.registry = registry;
        for (String engine : engines) {
            received(engine);
            SOURCES.forEach(source -> sent(engine, source));
        }
    }

    @Override
    public void onEvent(Event event) {
        if (event.payload() instanceof EventPayloads.AckPayload ack && ack.error() != null) {
            sendError(event.session().engine(), ack.error().code()).increment();
            return;
        }
        if (event.payload() instanceof EventPayloads.Waiting waiting && waiting.reason() != null) {
            Counter.builder("wagate.messages.undecryptable")
                    .description("Received messages that could not be decrypted (yet), per session")
                    .tags("engine", event.session().engine(), "session", event.session().name())
                    .register(registry).increment();
            return;
        }
        if (!(event.payload() instanceof Message message)) {
            return;
        }
        String engine = event.session().engine();
        if (event.name() == EventName.MESSAGE) {
            received(engine).increment();
        } else if (event.name() == EventName.MESSAGE_ANY && message.fromMe()) {
            sent(engine, message.source() == null ? "app" : message.source()).increment();
        }
    }

    private Counter sent(String engine, String source) {
        return Counter.builder("wagate.messages.sent")
                .description("Messages sent by the linked accounts, through the API or from the phone")
                .tags("engine", engine, "source", source)
                .register(registry);
    }

    /** Codes are WhatsApp's few numbers (and "unknown"), so the tag stays small. */
    private Counter sendError(String engine, String code) {
        return Counter.builder("wagate.messages.send.errors")
                .description("Sent messages WhatsApp refused, by its error code")
                .tags("engine", engine, "code", code.length() > 16 ? "other" : code)
                .register(registry);
    }

    private Counter received(String engine) {
        return Counter.builder("wagate.messages.received")
                .description("Messages the linked accounts received")
                .tags("engine", engine)
                .register(registry);
    }
}
