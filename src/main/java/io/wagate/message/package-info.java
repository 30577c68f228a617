/**
 * Messages: sending each kind, the message store and its one message shape, reactions, poll votes,
 * pacing, and the media of messages.
 *
 * <p>{@link io.wagate.message.MediaMessages} (sending images, video, audio, documents) and
 * {@link io.wagate.message.MediaRefs} (media an engine reported without downloading) live here and
 * not in {@code io.wagate.media} because they are about messages: they are keyed by message id, are
 * written with the message rows, and are deleted with them. {@code io.wagate.media} only receives
 * and checks files that clients send (download, base64, multipart, sniffing, limits, conversion)
 * and knows nothing of messages or sessions. The files of stored messages are kept by
 * {@link io.wagate.mediastore.MediaStore} (this node's data dir or an S3 bucket).
 */
package io.wagate.message;
