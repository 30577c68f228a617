package io.wagate.engine;

/** Delivery state of a message, with the numbers clients see: -1 ERROR, 0 PENDING, 1 SERVER, 2 DEVICE, 3 READ, 4 PLAYED. */
public enum Ack {
    ERROR(-1), PENDING(0), SERVER(1), DEVICE(2), READ(3), PLAYED(4);

    private final int value;

    Ack(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
