package io.wagate.emulator;

/** The user and device parts of {@code user[:device]@server}. */
final class Jids {
    private Jids() {}

    static String user(String jid) {
        String local = jid.contains("@") ? jid.substring(0, jid.indexOf('@')) : jid;
        int colon = local.indexOf(':');
        String user = colon < 0 ? local : local.substring(0, colon);
        int underscore = user.indexOf('_');
        return underscore < 0 ? user : user.substring(0, underscore);
    }

    static int device(String jid) {
        String local = jid.contains("@") ? jid.substring(0, jid.indexOf('@')) : jid;
        int colon = local.indexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(local.substring(colon + 1));
    }

    static String server(String jid) {
        return jid.contains("@") ? jid.substring(jid.indexOf('@') + 1) : "s.whatsapp.net";
    }
}
