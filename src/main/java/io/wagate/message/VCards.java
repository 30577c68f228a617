package io.wagate.message;

/**
 * vCard 3.0 text for a contact card, escaped as RFC 6350 asks (backslash, comma, semicolon,
 * newline), with WhatsApp's {@code waid} parameter so the card opens the chat.
 */
final class VCards {
    private VCards() {}

    static String of(String fullName, String phoneDigits, String organization) {
        var card = new StringBuilder("BEGIN:VCARD\nVERSION:3.0\n");
        card.append("FN:").append(escape(fullName)).append('\n');
        card.append("N:").append(escape(fullName)).append(";;;;\n");
        if (organization != null && !organization.isBlank()) {
            card.append("ORG:").append(escape(organization)).append(";\n");
        }
        card.append("TEL;type=CELL;type=VOICE;waid=").append(phoneDigits).append(":+").append(phoneDigits).append('\n');
        return card.append("END:VCARD").toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }
}
