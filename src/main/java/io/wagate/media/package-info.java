/**
 * Files clients send, from arrival to a checked temp file: {@code file.url} downloads through the
 * private-target guard, base64 bodies decoded from disk, multipart parts; the type sniffed from the
 * bytes, the kind's size limit applied while streaming, ffmpeg conversion, link-preview pages.
 * Nothing here knows messages or sessions; what is kept with a message is in {@code io.wagate.message}.
 */
package io.wagate.media;
