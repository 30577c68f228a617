package io.wagate.mediastore;

import io.wagate.config.MediaStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The media in a bucket of an S3-compatible store, under {@code media/<session>/<hash>}. Uploads go from the
 * file with its length known (one PUT, read from disk as it is sent); downloads are the object's body as it
 * arrives. Checksums are sent and checked only where S3 requires them, as many S3-compatible servers do not
 * know the newer ones.
 */
public final class S3MediaStore implements MediaStore {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The longest silence between two reads or writes of one request, not a bound on a whole large upload. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    private static final String PREFIX = "media/";

    private final MediaStoreConfig.S3 config;
    private final S3Client s3;

    private S3MediaStore(MediaStoreConfig.S3 config, S3Client s3) {
        this.config = config;
        this.s3 = s3;
    }

    /** A client for the bucket, checked at once: a wrong endpoint, bucket or key stops start-up, saying which. */
    static S3MediaStore connect(MediaStoreConfig.S3 config) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT))
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        var store = new S3MediaStore(config, builder.build());
        try {
            store.s3.headBucket(b -> b.bucket(config.bucket()));
        } catch (SdkException e) {
            store.close();
            throw store.failure("cannot use the media store", e);
        }
        return store;
    }

    @Override
    public void keep(String sessionId, String messageId, Path source) {
        long size;
        try {
            size = Files.size(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read media of message " + messageId, e);
        }
        try {
            s3.putObject(b -> b.bucket(config.bucket()).key(keyOf(sessionId, messageId)).contentLength(size),
                    RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw failure("cannot store the media of message " + messageId, e);
        }
    }

    @Override
    public void take(String sessionId, String messageId, Path source) {
        try {
            keep(sessionId, messageId, source);
        } finally {
            try {
                Files.deleteIfExists(source);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + source, e);
            }
        }
    }

    @Override
    public boolean contains(String sessionId, String messageId) {
        try {
            s3.headObject(b -> b.bucket(config.bucket()).key(keyOf(sessionId, messageId)));
            return true;
        } catch (S3Exception e) {
            // A HEAD answer has no body: a missing object and a missing bucket look alike here. open() tells them apart.
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("cannot look for the media of message " + messageId, e);
        } catch (SdkException e) {
            throw failure("cannot look for the media of message " + messageId, e);
        }
    }

    @Override
    public Optional<StoredMedia> open(String sessionId, String messageId) {
        try {
            var body = s3.getObject(b -> b.bucket(config.bucket()).key(keyOf(sessionId, messageId)));
            return Optional.of(new StoredMedia(body, body.response().contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("cannot read the media of message " + messageId, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private static String keyOf(String sessionId, String messageId) {
        return PREFIX + MediaStore.nameOf(sessionId, messageId);
    }

    /** What went wrong in the operator's terms: which setting to look at. Never the keys themselves. */
    private MediaStoreException failure(String doing, SdkException e) {
        String where = "bucket '" + config.bucket() + "' at " + config.where();
        if (e instanceof S3Exception answered) {
            String code = answered.awsErrorDetails() == null ? null : answered.awsErrorDetails().errorCode();
            if (answered.statusCode() == 403 || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)) {
                return new MediaStoreException(doing + ": the S3 store refused the credentials for " + where
                        + " (check WAGATE_S3_ACCESS_KEY and WAGATE_S3_SECRET_KEY" + (code == null ? "" : "; " + code)
                        + ")", e);
            }
            if (answered.statusCode() == 301 || "PermanentRedirect".equals(code)) {
                return new MediaStoreException(doing + ": " + where + " is in another region (WAGATE_S3_REGION)", e);
            }
            if (answered.statusCode() == 404 || "NoSuchBucket".equals(code)) {
                return new MediaStoreException(doing + ": " + where + " does not exist (WAGATE_S3_BUCKET; create it "
                        + "first)", e);
            }
            return new MediaStoreException(doing + ": " + where + " answered " + answered.statusCode()
                    + (code == null ? "" : " " + code), e);
        }
        return new MediaStoreException(doing + ": cannot reach " + where + " (WAGATE_S3_ENDPOINT): "
                + e.getMessage(), e);
    }
}
