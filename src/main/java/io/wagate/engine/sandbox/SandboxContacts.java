package io.wagate.engine.sandbox;

import io.wagate.engine.ContactOperations;
import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.ids.ChatId;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * People on the simulated network as others see them, and who blocked whom. Rules, as WhatsApp's:
 * <ul>
 *   <li>every number on the network has an about text; the echo contact and every sandbox session have a profile
 *       picture (a small PNG in a colour of their own, the same every time), the silent contact has none;</li>
 *   <li>blocking is per account and idempotent; a blocked contact's messages to the account are not delivered
 *       (they stay at one tick, SENT), and the account cannot write to a contact it blocked until it unblocks
 *       (WhatsApp's "Unblock to send a message": CONFLICT);</li>
 *   <li>someone who blocked the account shows it no picture and no about text.</li>
 * </ul>
 * Blocks live as long as the network does (like its groups, until wagate stops).
 */
final class SandboxContacts {
    static final String DEFAULT_ABOUT = "Hey there! I am using WhatsApp.";
    private static final int PICTURE_SIZE = 96;

    private final SandboxNetwork network;
    /** Blocker's number: the numbers it blocked. */
    private final Map<String, Set<String>> blocked = new ConcurrentHashMap<>();

    SandboxContacts(SandboxNetwork network) {
        this.network = network;
    }

    ContactOperations actingAs(Supplier<String> me) {
        return new Operations(me);
    }

    boolean hasBlocked(String blocker, String other) {
        var theirs = blocked.get(blocker);
        return theirs != null && theirs.contains(other);
    }

    /** Refuses a message (or anything written into the chat) to someone {@code sender} blocked. */
    void requireNotBlocking(String sender, String recipient) {
        if (hasBlocked(sender, recipient)) {
            throw new EngineException(EngineException.Reason.CONFLICT,
                    recipient + " is blocked; unblock the contact to send a message");
        }
    }

    /** The name a number goes by on the network (its push name): what its session's phone calls itself. */
    static String pushName(String number) {
        return switch (number) {
            case SandboxNetwork.ECHO -> "Echo";
            case SandboxNetwork.SILENT -> "Silent";
            default -> "Sandbox " + number.substring(Math.max(0, number.length() - 4));
        };
    }

    /** A sandbox phone's address book: the two built-in contacts, saved by name. */
    static List<EngineEvent.Contact> addressBook() {
        return List.of(contact(SandboxNetwork.ECHO, Optional.of("Echo (sandbox)")),
                contact(SandboxNetwork.SILENT, Optional.of("Silent (sandbox)")));
    }

    /** Someone the phone has not saved: known by their push name only. */
    static EngineEvent.Contact met(String number) {
        return contact(number, Optional.empty());
    }

    private static EngineEvent.Contact contact(String number, Optional<String> savedName) {
        return new EngineEvent.Contact(ChatId.ofPhone(number), savedName, Optional.of(pushName(number)),
                Optional.of(ChatId.of(SandboxIds.lidFor(number))));
    }

    private static String about(String number) {
        return switch (number) {
            case SandboxNetwork.ECHO -> "I write back whatever you write to me.";
            case SandboxNetwork.SILENT -> "I receive everything and read nothing.";
            default -> DEFAULT_ABOUT;
        };
    }

    private static boolean hasPicture(String number) {
        return !SandboxNetwork.SILENT.equals(number);
    }

    /** Where the picture "is": a reserved name that never resolves, as the sandbox serves its pictures itself. */
    static String pictureUrl(String number) {
        return "https://sandbox.wagate.invalid/pictures/" + number + ".png";
    }

    /** A square in the number's own colour. */
    static byte[] picture(String number) {
        var image = new BufferedImage(PICTURE_SIZE, PICTURE_SIZE, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        try {
            g.setColor(Color.getHSBColor(Math.floorMod(number.hashCode(), 360) / 360f, 0.55f, 0.85f));
            g.fillRect(0, 0, PICTURE_SIZE, PICTURE_SIZE);
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private final class Operations implements ContactOperations {
        private final Supplier<String> me;

        Operations(Supplier<String> me) {
            this.me = me;
        }

        @Override
        public Optional<String> pictureUrl(ChatId contact) {
            String self = me.get();
            String number = numberOf(contact);
            return visibleTo(self, number) && hasPicture(number) ? Optional.of(SandboxContacts.pictureUrl(number))
                    : Optional.empty();
        }

        @Override
        public byte[] downloadPicture(ChatId contact, String url) {
            String number = numberOf(contact);
            if (!url.equals(SandboxContacts.pictureUrl(number)) || !hasPicture(number)) {
                throw new EngineException(EngineException.Reason.NOT_FOUND, "no picture at " + url);
            }
            return picture(number);
        }

        @Override
        public Optional<About> about(ChatId contact) {
            String self = me.get();
            String number = numberOf(contact);
            return visibleTo(self, number) ? Optional.of(new About(SandboxContacts.about(number), Optional.empty()))
                    : Optional.empty();
        }

        @Override
        public void setBlocked(ChatId contact, boolean block) {
            String self = me.get();
            String number = numberOf(contact);
            if (number.equals(self)) {
                throw new EngineException(EngineException.Reason.INVALID, "an account cannot block itself");
            }
            if (block) {
                blocked.computeIfAbsent(self, n -> ConcurrentHashMap.newKeySet()).add(number);
            } else {
                var theirs = blocked.get(self);
                if (theirs != null) {
                    theirs.remove(number);
                }
            }
        }

        @Override
        public List<ChatId> blocklist() {
            return blocked.getOrDefault(me.get(), Set.of()).stream().sorted().map(ChatId::ofPhone).toList();
        }

        /** What a contact shows the account: nothing once it blocked the account. */
        private boolean visibleTo(String self, String number) {
            return !hasBlocked(number, self);
        }

        private String numberOf(ChatId contact) {
            String number = contact.isLid() ? network.numberOfLid(contact).orElse(null) : contact.phone().orElse(null);
            if (number == null || !network.isOnWhatsApp(number)) {
                throw new EngineException(EngineException.Reason.NOT_FOUND, contact + " is not on WhatsApp");
            }
            return number;
        }
    }
}
