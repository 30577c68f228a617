package io.wagate.wa.binary;

/**
 * A WhatsApp id: {@code user[_agent][:device]@server}. Parsing and formatting follow Baileys' {@code jidDecode} and
 * {@code jidEncode} exactly, because the encoder decides from the parse whether a string goes out as a JID pair or
 * an AD JID. {@code device} is null when the string had none (":0" is a device and goes out as an AD JID).
 */
public record Jid(String user, Integer agent, Integer device, String server) {
    public static final String S_WHATSAPP_NET = "s.whatsapp.net";
    public static final String LID = "lid";
    public static final String GROUP = "g.us";
    public static final String BROADCAST = "broadcast";
    public static final String NEWSLETTER = "newsletter";
    public static final String HOSTED = "hosted";
    public static final String HOSTED_LID = "hosted.lid";
    public static final String C_US = "c.us";

    /** The AD JID domain types of the wire format (Baileys' WAJIDDomains). */
    public static final int DOMAIN_WHATSAPP = 0;
    public static final int DOMAIN_LID = 1;
    public static final int DOMAIN_HOSTED = 128;
    public static final int DOMAIN_HOSTED_LID = 129;

    public Jid {
        user = user == null ? "" : user;
        if (server == null) {
            throw new IllegalArgumentException("a jid needs a server");
        }
    }

    public static Jid of(String user, String server) {
        return new Jid(user, null, null, server);
    }

    public static Jid of(String user, int device, String server) {
        return new Jid(user, null, device, server);
    }

    /** The id of a user on a server with an AD domain type (the way the decoder rebuilds an AD JID). */
    public static String serverOf(int domainType) {
        return switch (domainType) {
            case DOMAIN_LID -> LID;
            case DOMAIN_HOSTED -> HOSTED;
            case DOMAIN_HOSTED_LID -> HOSTED_LID;
            default -> S_WHATSAPP_NET;
        };
    }

    /** As Baileys' jidDecode: null when the string has no '@'. */
    public static Jid parse(String jid) {
        if (jid == null) {
            return null;
        }
        int at = jid.indexOf('@');
        if (at < 0) {
            return null;
        }
        String server = jid.substring(at + 1);
        String combined = jid.substring(0, at);
        String[] byColon = combined.split(":", -1);
        String userAgent = byColon[0];
        String devicePart = byColon.length > 1 ? byColon[1] : "";
        String[] byUnderscore = userAgent.split("_", -1);
        String user = byUnderscore[0];
        String agentPart = byUnderscore.length > 1 ? byUnderscore[1] : "";
        Integer agent = agentPart.isEmpty() ? null : jsParseInt(agentPart);
        Integer device = devicePart.isEmpty() ? null : jsNumber(devicePart);
        return new Jid(user, agent, device, server);
    }

    /** As Baileys' jidDecode's domainType. */
    public int domainType() {
        return switch (server) {
            case LID -> DOMAIN_LID;
            case HOSTED -> DOMAIN_HOSTED;
            case HOSTED_LID -> DOMAIN_HOSTED_LID;
            default -> agent == null ? DOMAIN_WHATSAPP : agent;
        };
    }

    public boolean hasDevice() {
        return device != null;
    }

    /** The same user without agent and device, "c.us" normalised as Baileys' jidNormalizedUser does. */
    public Jid toUser() {
        return of(user, C_US.equals(server) ? S_WHATSAPP_NET : server);
    }

    public boolean isLid() {
        return LID.equals(server) || HOSTED_LID.equals(server);
    }

    public boolean isGroup() {
        return GROUP.equals(server);
    }

    /** As Baileys' jidEncode: agent and device are left out when absent or zero. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(user);
        if (agent != null && agent != 0) {
            sb.append('_').append(agent);
        }
        if (device != null && device != 0) {
            sb.append(':').append(device);
        }
        return sb.append('@').append(server).toString();
    }

    /** JavaScript's parseInt: leading digits after an optional sign; null where JS gives NaN. */
    private static Integer jsParseInt(String s) {
        String t = s.strip();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && t.charAt(i) < 128) {
            i++;
        }
        if (i == start) {
            return null;
        }
        try {
            return Integer.parseInt(t.substring(0, i));
        } catch (NumberFormatException tooBig) {
            return null;
        }
    }

    /** JavaScript's unary plus on a device string; what JS turns into NaN becomes 0, which is what goes on the wire. */
    private static Integer jsNumber(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException notAnInteger) {
            return 0;
        }
    }
}
