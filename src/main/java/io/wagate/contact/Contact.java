package io.wagate.contact;

/**
 * A contact of a session, in WAHA's shape: {@code id} its phone-number id ({@code <number>@c.us}, or its LID
 * where no number is known), {@code number} the digits (null for a LID only), {@code name} as saved on the phone,
 * {@code pushname} as they call themselves, {@code lid} their LID where known.
 */
public record Contact(String id, String number, String name, String pushname, String lid) {}
