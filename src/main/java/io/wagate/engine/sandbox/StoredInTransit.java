package io.wagate.engine.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.wagate.engine.EngineMessage;
import io.wagate.store.WriteQueue;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The sandbox_in_transit table. Its writes go through the {@link WriteQueue}: the hold joins the sender's send
 * (committed before its 201), and the release is queued only once the recipient's writes (its message, its
 * webhook deliveries) are committed, so a crash between the two delivers the message again (at least once)
 * instead of never.
 */
public final class StoredInTransit implements InTransit {
    private final Jdbi jdbi;
    private final WriteQueue writes;
    private final Clock clock;
    /** Engine messages as they are (Optionals included), not the API's shape. */
    private final ObjectMapper json;

    public StoredInTransit(Jdbi jdbi, WriteQueue writes, ObjectMapper mapper, Clock clock) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.clock = clock;
        this.json = mapper.copy().registerModule(new Jdk8Module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public CompletableFuture<Void> hold(String recipient, EngineMessage incoming, Runnable alongside) {
        String row = toJson(incoming);
        long now = clock.millis();
        var committed = new AtomicReference<CompletableFuture<Void>>();
        writes.together(() -> {
            alongside.run();
            committed.set(holdRow(recipient, incoming.key().id(), row, now));
        });
        return committed.get();
    }

    private CompletableFuture<Void> holdRow(String recipient, String messageId, String row, long now) {
        return writes.submitStatement("""
                INSERT INTO sandbox_in_transit (recipient, message_id, message, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (recipient, message_id) DO NOTHING""", st -> {
            st.setString(1, recipient);
            st.setString(2, messageId);
            st.setString(3, row);
            st.setLong(4, now);
        });
    }

    @Override
    public boolean handOver(String recipient, EngineMessage incoming, BooleanSupplier receive) {
        var received = new AtomicBoolean();
        var stored = writes.afterWrites(() -> received.set(receive.getAsBoolean()));
        if (received.get()) {
            stored.whenComplete((ok, failed) -> {
                if (failed == null) {
                    drop(recipient, incoming);
                }
            });
        }
        return received.get();
    }

    @Override
    public void drop(String recipient, EngineMessage incoming) {
        writes.submitStatement("DELETE FROM sandbox_in_transit WHERE recipient = ? AND message_id = ?", st -> {
            st.setString(1, recipient);
            st.setString(2, incoming.key().id());
        });
    }

    @Override
    public List<Held> all() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT recipient, message FROM sandbox_in_transit ORDER BY created_at, message_id")
                .map((rs, ctx) -> new Held(rs.getString(1), fromJson(rs.getString(2)))).list());
    }

    @Override
    public List<EngineMessage> of(String recipient) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT message FROM sandbox_in_transit WHERE recipient = :recipient ORDER BY created_at, message_id")
                .bind("recipient", recipient).map((rs, ctx) -> fromJson(rs.getString(1))).list());
    }

    /** How engine messages are written here, for what else of the sandbox travels between nodes. */
    ObjectMapper json() {
        return json;
    }

    private String toJson(EngineMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep message " + message.key().id() + " in transit", e);
        }
    }

    private EngineMessage fromJson(String row) {
        try {
            return json.readValue(row, EngineMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sandbox message in transit cannot be read", e);
        }
    }
}
