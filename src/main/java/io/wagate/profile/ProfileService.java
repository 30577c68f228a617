package io.wagate.profile;

import io.wagate.account.Principal;
import io.wagate.engine.ProfileOperations;
import io.wagate.error.ApiException;
import io.wagate.error.Fields;
import io.wagate.media.MediaConverter;
import io.wagate.media.MediaIntake;
import io.wagate.media.MediaKind;
import io.wagate.session.Session;
import io.wagate.session.SessionService;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** The linked account's own profile (push name, about, picture) and privacy settings, with WhatsApp's limits. */
public final class ProfileService {
    /** WhatsApp's apps take push names of up to 25 characters and about texts of up to 139. */
    public static final int MAX_NAME = 25;
    public static final int MAX_ABOUT = 139;

    private static final Set<String> VISIBILITY = Set.of("all", "contacts", "contact_blacklist", "none");
    private static final Set<String> ONLINE = Set.of("all", "match_last_seen");
    private static final Set<String> GROUP_ADD = Set.of("all", "contacts", "contact_blacklist");
    private static final Set<String> READ_RECEIPTS = Set.of("all", "none");

    private final SessionService sessions;
    private final MediaIntake intake;
    private final MediaConverter converter;

    public ProfileService(SessionService sessions, MediaIntake intake, MediaConverter converter) {
        this.sessions = sessions;
        this.intake = intake;
        this.converter = converter;
    }

    public record Profile(String id, String name, String about, String picture) {}

    public Profile get(Principal principal, String sessionName) {
        var profile = call(sessions.get(principal, sessionName), ProfileOperations::get);
        return new Profile(profile.id().value(), profile.name(), profile.about(), profile.pictureUrl().orElse(null));
    }

    public void setName(Principal principal, String sessionName, String rawName) {
        String name = Fields.requiredText(rawName, "name", MAX_NAME);
        run(sessions.get(principal, sessionName), profile -> profile.setName(name));
    }

    /** An empty about text is allowed (WhatsApp shows none). */
    public void setAbout(Principal principal, String sessionName, String rawAbout) {
        if (rawAbout == null) {
            throw ApiException.badRequest("about is required");
        }
        String about = Fields.atMost(rawAbout, "about", MAX_ABOUT);
        run(sessions.get(principal, sessionName), profile -> profile.setAbout(about));
    }

    /** From an image of any type, made a JPEG of at most 640 pixels a side; the session must work before the fetch. */
    public void setPicture(Principal principal, String sessionName, MediaIntake.FileInput file) {
        if (file == null) {
            throw ApiException.badRequest("file is required: {url} or {data} (base64)");
        }
        var session = sessions.get(principal, sessionName);
        sessions.requireWorking(session);
        try (var received = intake.receive(file, MediaKind.IMAGE, principal.admin());
             var jpeg = converter.toJpeg(received)) {
            run(session, profile -> profile.setPicture(jpeg.toMediaFile()));
        }
    }

    public void removePicture(Principal principal, String sessionName) {
        run(sessions.get(principal, sessionName), ProfileOperations::removePicture);
    }

    public ProfileOperations.Privacy privacy(Principal principal, String sessionName) {
        return call(sessions.get(principal, sessionName), ProfileOperations::privacy);
    }

    public ProfileOperations.Privacy setPrivacy(Principal principal, String sessionName,
                                               ProfileOperations.Privacy changes) {
        if (changes == null || changes.lastSeen() == null && changes.online() == null && changes.profilePhoto() == null
                && changes.about() == null && changes.groupAdd() == null && changes.readReceipts() == null) {
            throw ApiException.badRequest("name at least one of lastSeen, online, profilePhoto, about, groupAdd, "
                    + "readReceipts");
        }
        oneOf(changes.lastSeen(), "lastSeen", VISIBILITY);
        oneOf(changes.online(), "online", ONLINE);
        oneOf(changes.profilePhoto(), "profilePhoto", VISIBILITY);
        oneOf(changes.about(), "about", VISIBILITY);
        oneOf(changes.groupAdd(), "groupAdd", GROUP_ADD);
        oneOf(changes.readReceipts(), "readReceipts", READ_RECEIPTS);
        return call(sessions.get(principal, sessionName), profile -> profile.setPrivacy(changes));
    }

    private static void oneOf(String value, String field, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw ApiException.badRequest(field + " must be one of " + String.join(", ", allowed.stream().sorted()
                    .toList()));
        }
    }

    private <T> T call(Session session, Function<ProfileOperations, T> operation) {
        return sessions.withEngine(session, engine -> operation.apply(engine.profile()));
    }

    private void run(Session session, Consumer<ProfileOperations> command) {
        sessions.runWithEngine(session, engine -> command.accept(engine.profile()));
    }
}
