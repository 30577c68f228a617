package io.wagate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the media of stored messages is kept ({@code WAGATE_MEDIA_STORE}): the data dir of this node, or an
 * S3-compatible bucket that every node reaches (README "Media storage").
 */
public sealed interface MediaStoreConfig {
    /** Files under {@code <WAGATE_DATA_DIR>/media}: the default, and only one process can read them. */
    record Local() implements MediaStoreConfig {}

    /**
     * A bucket of an S3-compatible object store. {@code endpoint} empty: Amazon S3 of {@code region};
     * {@code pathStyle} puts the bucket in the path ({@code http://host/bucket/key}), as MinIO-like servers
     * without a DNS name per bucket need.
     */
    record S3(Optional<URI> endpoint, String bucket, String region, String accessKey, String secretKey,
              boolean pathStyle) implements MediaStoreConfig {
        /** What S3-compatible servers that know no regions (MinIO's default) take. */
        public static final String DEFAULT_REGION = "us-east-1";

        /** The keys stay out of logs and error messages. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint.map(URI::toString).orElse("(Amazon S3)") + ", bucket=" + bucket
                    + ", region=" + region + ", pathStyle=" + pathStyle + "]";
        }

        /** Where the bucket is, for messages: the endpoint as configured, or Amazon S3's region. */
        public String where() {
            return endpoint.map(URI::toString).orElse("Amazon S3 (" + region + ")");
        }
    }

    static MediaStoreConfig read(EnvReader reader) {
        String kind = reader.string("WAGATE_MEDIA_STORE", "local").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "local" -> new Local();
            case "s3" -> new S3(reader.optional("WAGATE_S3_ENDPOINT").map(MediaStoreConfig::endpoint),
                    required(reader, "WAGATE_S3_BUCKET"),
                    reader.string("WAGATE_S3_REGION", S3.DEFAULT_REGION),
                    required(reader, "WAGATE_S3_ACCESS_KEY"),
                    required(reader, "WAGATE_S3_SECRET_KEY"),
                    reader.bool("WAGATE_S3_PATH_STYLE", false));
            default -> throw new ConfigException("WAGATE_MEDIA_STORE must be local or s3, got '" + kind + "'");
        };
    }

    private static String required(EnvReader reader, String name) {
        return reader.optional(name).orElseThrow(() -> new ConfigException(
                name + " is required with WAGATE_MEDIA_STORE=s3"));
    }

    private static URI endpoint(String raw) {
        try {
            var uri = new URI(raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException("WAGATE_S3_ENDPOINT must be an http:// or https:// URL, got '" + raw + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("WAGATE_S3_ENDPOINT is not a URL: '" + raw + "'");
        }
    }
}
