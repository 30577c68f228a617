package io.wagate.emulator;

import io.wagate.emulator.stopgap.Node;

/** Delivery of stanzas between devices, with the offline queue of a device not connected. */
final class Routing {
    private final Switchboard switchboard;

    Routing(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    void flushOffline(ChatConnection connection) {
        var queue = connection.device.offlineQueue();
        synchronized (queue) {
            while (!queue.isEmpty()) {
                connection.send(queue.pollFirst());
            }
        }
    }

    /** Sends to the device now, or queues it until the device logs in. */
    void deliver(Device device, Node node) {
        var connection = device.connection();
        if (connection != null) {
            connection.send(node);
            return;
        }
        var queue = device.offlineQueue();
        synchronized (queue) {
            queue.addLast(node);
        }
    }
}
