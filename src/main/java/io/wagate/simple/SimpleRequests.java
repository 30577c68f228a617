package io.wagate.simple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The JSON bodies of the simple API; every one names exactly one of number and group. */
public final class SimpleRequests {
    private SimpleRequests() {}

    public record Text(String number, String group, String message) {}

    public record Location(Double degreesLatitude, Double degreesLongitude, String name, String address) {}

    public record SendLocation(String number, String group, Location location) {}

    public record Poll(String number, String group, String name, List<String> values, Integer selectableCount,
                       Boolean toAnnouncementGroup) {}

    /** {@code messageKey}: {@code {remoteJid, fromMe, id, participant?}} or a string id, serialized or bare. */
    public record React(String number, String group, JsonNode messageKey, String emoji) {}

    public record Delete(String number, String group, JsonNode messageKey) {}
}
