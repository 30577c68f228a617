package io.wagate.emulator.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The media host's TLS identity: a self-signed certificate for 127.0.0.1 made at start by the JDK's keytool
 * (the JDK has no public API that issues certificates), which is its own CA. Clients trust exactly this
 * certificate, written as PEM, never every certificate.
 */
record MediaCertificate(SSLContext sslContext, Path caPem) {
    private static final String ALIAS = "media";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    /** Generates the key and certificate in {@code dir}; the PEM stays there as {@link #caPem}. */
    static MediaCertificate generate(Path dir) {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        char[] password = HexFormat.of().formatHex(secret).toCharArray();
        Path keyStore = dir.resolve("media.p12");
        keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=127.0.0.1, O=wagate emulator", "-validity", "30",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "bc:c=ca:true",
                "-ext", "ku:c=digitalSignature,keyCertSign", "-ext", "eku=serverAuth",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(password), "-keypass", new String(password)));
        try (InputStream in = Files.newInputStream(keyStore)) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            Path pem = dir.resolve("media-ca.pem");
            Files.writeString(pem, pem(store.getCertificate(ALIAS)), StandardCharsets.US_ASCII);
            var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            var context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new MediaCertificate(context, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the media certificate cannot be loaded", e);
        }
    }

    private static String pem(Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static void keytool(List<String> args) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        var command = new java.util.ArrayList<String>(List.of(keytool.toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool could not make the media certificate: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + keytool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
