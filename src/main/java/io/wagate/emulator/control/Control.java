package io.wagate.emulator.control;

import io.wagate.emulator.fault.Fault;

/** What the control API can ask of the emulator; each answer is written as JSON. */
public interface Control {
    Object addPhone(NewPhone phone);

    Object phone(String number);

    /** The phone scans a companion's QR string and links it. */
    Object scan(String number, String qr);

    /** The phone's user types the pairing code a companion shows. */
    Object enterPairingCode(String number, String code);

    /** The phone removes its linked devices. */
    Object unlink(String number);

    Object addFault(Fault fault);

    void clearFaults();

    Object stats();
}
