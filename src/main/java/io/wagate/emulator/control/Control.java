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

    /**
     * WhatsApp sets (or, with {@code seconds} 0, lifts) the account's reach-out timelock and answers its devices'
     * queries so from then on; with {@code notify} its linked devices hear of it at once.
     */
    Object setTimelock(String number, long seconds, String enforcementType, boolean notify);

    /** WhatsApp reports the account's new-chat message cap; {@code cycleEndsInSeconds} 0: no cycle end given. */
    Object setNewChatCap(String number, int used, int total, String status, long cycleEndsInSeconds);

    Object addFault(Fault fault);

    void clearFaults();

    Object stats();
}
