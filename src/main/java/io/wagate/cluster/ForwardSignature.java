package io.wagate.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What makes a forwarded request a node's: an HMAC-SHA256, under the cluster secret, of the node that
 * forwards, when, the method and the request target. The client's key travels as it came and is checked by
 * the owner as on any request; the signature only says "counted already, do not forward again".
 */
final class ForwardSignature {
    static final String BY = "X-Wagate-Forwarded-By";
    static final String AT = "X-Wagate-Forwarded-At";
    static final String SIGNATURE = "X-Wagate-Forwarded-Signature";
    /** How far a forwarded request's time may be from the receiver's: nodes' clocks need only roughly agree. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final SecretKeySpec key;

    ForwardSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String sign(String node, long atMillis, String method, String target) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((node + "\n" + atMillis + "\n" + method + "\n" + target)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Whether {@code signature} is this secret's for the request, made within {@link #SKEW} of {@code nowMillis}. */
    boolean verify(String node, String at, String method, String target, String signature, long nowMillis) {
        long atMillis;
        try {
            atMillis = Long.parseLong(at);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowMillis - atMillis) > SKEW.toMillis()) {
            return false;
        }
        return MessageDigest.isEqual(sign(node, atMillis, method, target).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
