/**
 * Where the media of stored messages lives: {@link io.wagate.mediastore.MediaStore}, the data dir of this node
 * ({@link io.wagate.mediastore.LocalMediaStore}) or an S3-compatible bucket every node reaches
 * ({@link io.wagate.mediastore.S3MediaStore}). Files go in and out as streams, never whole in memory.
 */
package io.wagate.mediastore;
