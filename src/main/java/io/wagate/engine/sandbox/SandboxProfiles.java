package io.wagate.engine.sandbox;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.OutgoingMessage;
import io.wagate.engine.ProfileOperations;
import io.wagate.ids.ChatId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The profile of each phone on the sandbox network: push name, about text, picture, privacy. The privacy settings
 * the sandbox can enforce, it does: with read receipts {@code none} a phone sends no read receipts in 1:1 chats (its
 * senders' messages stop at DEVICE; groups still get them, as on WhatsApp); with group adds limited to
 * {@code contacts} or {@code contact_blacklist} nobody may add the phone to a group (the sandbox has no address
 * book, so nobody is a contact): the add answers 403 for it. The others are kept and shown but change nothing, as
 * the sandbox shows no one's last seen, online state, photo or about text to others. In memory, guarded by this
 * object's lock; a picture is kept as the JPEG it was given and shown as a {@code data:} URL (the sandbox serves no
 * web site).
 */
final class SandboxProfiles {
    static final String ABOUT = "Hey there! I am using WhatsApp.";
    static final ProfileOperations.Privacy DEFAULTS = new ProfileOperations.Privacy("all", "all", "all", "all", "all",
            "all");

    private static final class Phone {
        String name;
        /** Whether the phone chose its name (PUT /profile/name) rather than keeping the sandbox's. */
        boolean chosen;
        String about = ABOUT;
        byte[] picture;
        ProfileOperations.Privacy privacy = DEFAULTS;

        Phone(String name) {
            this.name = name;
        }
    }

    private final Map<String, Phone> byNumber = new HashMap<>();

    /** The push name a phone has before it sets one. */
    static String defaultName(String number) {
        return "Sandbox " + number.substring(Math.max(0, number.length() - 4));
    }

    synchronized String nameOf(String number) {
        return phone(number).name;
    }

    /**
     * The push name a phone's messages carry to their recipients: the one it chose. The sandbox's own names are
     * not carried, so that messages between phones that never chose one look as they do on the Baileys engine,
     * where the server stamps a sender's name only once it knows one.
     */
    synchronized Optional<String> carriedName(String number) {
        var phone = phone(number);
        return phone.chosen ? Optional.of(phone.name) : Optional.empty();
    }

    /** Whether {@code number} sends read receipts in 1:1 chats. */
    synchronized boolean sendsReadReceipts(String number) {
        return !"none".equals(phone(number).privacy.readReceipts());
    }

    /** Whether {@code actor} may add {@code number} to a group (the sandbox has no contacts: only "all" lets it). */
    synchronized boolean allowsGroupAdd(String number, String actor) {
        return number.equals(actor) || "all".equals(phone(number).privacy.groupAdd());
    }

    /** The operations of the phone {@code me} names (it needs the session WORKING); changes reported to {@code emit}. */
    ProfileOperations actingAs(Supplier<String> me, Consumer<EngineEvent> emit) {
        return new Operations(me, emit);
    }

    private Phone phone(String number) {
        return byNumber.computeIfAbsent(number, n -> new Phone(defaultName(n)));
    }

    private final class Operations implements ProfileOperations {
        private final Supplier<String> me;
        private final Consumer<EngineEvent> emit;

        Operations(Supplier<String> me, Consumer<EngineEvent> emit) {
            this.me = me;
            this.emit = emit;
        }

        @Override
        public Profile get() {
            String number = me.get();
            synchronized (SandboxProfiles.this) {
                var phone = phone(number);
                return new Profile(ChatId.ofPhone(number), phone.name, phone.about, Optional.ofNullable(phone.picture)
                        .map(jpeg -> "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg)));
            }
        }

        @Override
        public void setName(String name) {
            String number = me.get();
            synchronized (SandboxProfiles.this) {
                var phone = phone(number);
                phone.name = name;
                phone.chosen = true;
            }
            emit.accept(new EngineEvent.PushNameChanged(name));
        }

        @Override
        public void setAbout(String about) {
            String number = me.get();
            synchronized (SandboxProfiles.this) {
                phone(number).about = about;
            }
        }

        @Override
        public void setPicture(OutgoingMessage.MediaFile jpeg) {
            String number = me.get();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(jpeg.path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the profile picture", e);
            }
            synchronized (SandboxProfiles.this) {
                phone(number).picture = bytes;
            }
        }

        @Override
        public void removePicture() {
            String number = me.get();
            synchronized (SandboxProfiles.this) {
                phone(number).picture = null;
            }
        }

        @Override
        public Privacy privacy() {
            String number = me.get();
            synchronized (SandboxProfiles.this) {
                return phone(number).privacy;
            }
        }

        @Override
        public Privacy setPrivacy(Privacy changes) {
            String number = me.get();
            synchronized (SandboxProfiles.this) {
                var phone = phone(number);
                var was = phone.privacy;
                phone.privacy = new Privacy(or(changes.lastSeen(), was.lastSeen()), or(changes.online(), was.online()),
                        or(changes.profilePhoto(), was.profilePhoto()), or(changes.about(), was.about()),
                        or(changes.groupAdd(), was.groupAdd()), or(changes.readReceipts(), was.readReceipts()));
                return phone.privacy;
            }
        }

        private static String or(String value, String otherwise) {
            return value == null ? otherwise : value;
        }
    }
}
