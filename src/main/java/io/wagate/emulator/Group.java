package io.wagate.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group as the emulator keeps it: members with their roles, subject, description, settings, invite code.
 * Callers hold the group's monitor while they read or change it.
 */
final class Group {
    static final String SUPERADMIN = "superadmin";
    static final String ADMIN = "admin";

    final String id;
    final Account creator;
    final long creation;
    /** LID addressing: members, senders and actors are named by their LIDs (a LID-only creator's groups). */
    final boolean lidAddressed;
    String subject;
    Account subjectOwner;
    long subjectTime;
    String description;
    String descriptionId;
    Account descriptionOwner;
    long descriptionTime;
    boolean announce;
    boolean locked;
    String inviteCode;
    /** Communities: a parent group ({@code <parent>}), its announcement group, and the community a group is linked to. */
    boolean community;
    boolean defaultSubGroup;
    String linkedParent;
    /** Member → role: null for a plain participant, {@link #ADMIN} or {@link #SUPERADMIN}; in joining order. */
    private final Map<Account, String> members = new LinkedHashMap<>();

    Group(String id, Account creator, long creation, String subject, String inviteCode) {
        this.id = id;
        this.creator = creator;
        this.creation = creation;
        this.lidAddressed = creator.lidOnly;
        this.subject = subject;
        this.subjectOwner = creator;
        this.subjectTime = creation;
        this.inviteCode = inviteCode;
    }

    String jid() {
        return id + "@g.us";
    }

    boolean isMember(Account account) {
        return members.containsKey(account);
    }

    boolean isAdmin(Account account) {
        return members.get(account) != null;
    }

    String role(Account account) {
        return members.get(account);
    }

    void put(Account account, String role) {
        members.put(account, role);
    }

    void remove(Account account) {
        members.remove(account);
    }

    List<Account> members() {
        return new ArrayList<>(members.keySet());
    }

    /** A person as this group names it: the LID in LID addressing, else the phone-number JID. */
    String name(Account account) {
        return account.jid(lidAddressed);
    }

    /** A sending device as this group names it. */
    String name(Account account, Device device) {
        return device.jid(account, lidAddressed);
    }
}
