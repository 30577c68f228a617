package io.wagate.cluster;

import io.wagate.engine.SandboxWire;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The sandbox networks of the cluster's nodes, joined: their signals go over PostgreSQL's {@code NOTIFY} on
 * {@value #CHANNEL}, and which numbers are linked is read from the sessions' stored links (every node's).
 */
public final class SandboxRelay implements SandboxWire, AutoCloseable {
    private static final String CHANNEL = "wagate_sandbox";

    private final Predicate<String> linked;
    private final Notifications channel;

    /** @param linked whether some session of the cluster is linked to a number (its stored link) */
    public SandboxRelay(DataSource dataSource, Jdbi jdbi, Predicate<String> linked) {
        this.linked = linked;
        this.channel = new Notifications(dataSource, jdbi, CHANNEL);
    }

    @Override
    public void publish(String payload) {
        channel.publish(payload, "a sandbox signal");
    }

    @Override
    public void subscribe(Consumer<String> receiver) {
        channel.listen(receiver);
    }

    @Override
    public boolean linked(String number) {
        return linked.test(number);
    }

    @Override
    public int maxPayload() {
        return Notifications.MAX_PAYLOAD;
    }

    @Override
    public void close() {
        channel.close();
    }
}
