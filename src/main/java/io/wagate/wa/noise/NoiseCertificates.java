package io.wagate.wa.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wagate.wa.WaProtocolException;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.crypto.XEdDSA;
import io.wagate.wa.proto.CertChain;
import io.wagate.wa.proto.CertChain.NoiseCertificate;

/**
 * The server's certificate chain of the handshake: a root key signs an intermediate certificate, the intermediate
 * signs the leaf that names the server's static key. Baileys checks both signatures and that the intermediate's
 * issuer serial is WhatsApp's ({@value #WA_ISSUER_SERIAL}).
 */
public final class NoiseCertificates {
    public static final int WA_ISSUER_SERIAL = 0;

    /** Throws {@link WaProtocolException} when a server's chain is not acceptable. */
    @FunctionalInterface
    public interface Check {
        void check(CertChain chain, byte[] serverStaticKey);
    }

    private NoiseCertificates() {
    }

    /** An encoded CertChain: the intermediate (issuer serial 0) signed by {@code root}, the leaf by the intermediate. */
    public static byte[] issue(KeyPair root, KeyPair intermediate, byte[] serverStaticKey, long notBefore, long notAfter, XEdDSA signer) {
        byte[] intermediateDetails = NoiseCertificate.Details.newBuilder()
                .setSerial(1).setIssuerSerial(WA_ISSUER_SERIAL)
                .setKey(ByteString.copyFrom(intermediate.publicKey()))
                .setNotBefore(notBefore).setNotAfter(notAfter)
                .build().toByteArray();
        byte[] leafDetails = NoiseCertificate.Details.newBuilder()
                .setSerial(2).setIssuerSerial(1)
                .setKey(ByteString.copyFrom(serverStaticKey))
                .setNotBefore(notBefore).setNotAfter(notAfter)
                .build().toByteArray();
        return CertChain.newBuilder()
                .setIntermediate(certificate(intermediateDetails, signer.sign(root.privateKey(), intermediateDetails)))
                .setLeaf(certificate(leafDetails, signer.sign(intermediate.privateKey(), leafDetails)))
                .build().toByteArray();
    }

    /** Baileys' checks against a trusted root: both signatures, and the issuer serial. */
    public static Check trusting(byte[] rootPublicKey) {
        return (chain, serverStaticKey) -> {
            if (!chain.hasLeaf() || !chain.hasIntermediate()) {
                throw new WaProtocolException("incomplete noise certificate chain");
            }
            NoiseCertificate.Details intermediate;
            try {
                intermediate = NoiseCertificate.Details.parseFrom(chain.getIntermediate().getDetails());
            } catch (InvalidProtocolBufferException e) {
                throw new WaProtocolException("bad intermediate certificate", e);
            }
            if (!XEdDSA.verify(intermediate.getKey().toByteArray(), chain.getLeaf().getDetails().toByteArray(),
                    chain.getLeaf().getSignature().toByteArray())) {
                throw new WaProtocolException("noise certificate signature invalid");
            }
            if (!XEdDSA.verify(rootPublicKey, chain.getIntermediate().getDetails().toByteArray(),
                    chain.getIntermediate().getSignature().toByteArray())) {
                throw new WaProtocolException("noise intermediate certificate signature invalid");
            }
            if (intermediate.getIssuerSerial() != WA_ISSUER_SERIAL) {
                throw new WaProtocolException("certification match failed");
            }
        };
    }

    private static NoiseCertificate certificate(byte[] details, byte[] signature) {
        return NoiseCertificate.newBuilder().setDetails(ByteString.copyFrom(details)).setSignature(ByteString.copyFrom(signature)).build();
    }
}
