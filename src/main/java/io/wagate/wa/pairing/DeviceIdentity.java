package io.wagate.wa.pairing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wagate.wa.WaProtocolException;
import io.wagate.wa.crypto.Adv;
import io.wagate.wa.crypto.KeyPair;
import io.wagate.wa.crypto.XEdDSA;
import io.wagate.wa.proto.ADVDeviceIdentity;
import io.wagate.wa.proto.ADVEncryptionType;
import io.wagate.wa.proto.ADVSignedDeviceIdentity;
import io.wagate.wa.proto.ADVSignedDeviceIdentityHMAC;

/**
 * The phone's half of {@code pair-success}: the signed identity it issues to a new linked device, and the check
 * of the device's countersigned copy that comes back in {@code pair-device-sign}.
 */
public final class DeviceIdentity {
    private DeviceIdentity() {
    }

    /** The identity the phone grants, before it is encoded. */
    public record Grant(int rawId, int keyIndex, long timestamp, boolean hosted) {}

    /**
     * The content of {@code <device-identity>} in pair-success: an ADVSignedDeviceIdentityHMAC whose details are
     * the ADVSignedDeviceIdentity (account signature by {@code account} over the companion's identity key).
     */
    public static byte[] issue(XEdDSA signer, KeyPair account, byte[] advSecret, byte[] companionIdentityKey, Grant grant) {
        ADVEncryptionType type = grant.hosted() ? ADVEncryptionType.HOSTED : ADVEncryptionType.E2EE;
        ADVDeviceIdentity.Builder details = ADVDeviceIdentity.newBuilder()
                .setRawId(grant.rawId()).setTimestamp(grant.timestamp()).setKeyIndex(grant.keyIndex());
        if (grant.hosted()) {
            details.setAccountType(type).setDeviceType(type);
        }
        byte[] detailBytes = details.build().toByteArray();
        byte[] signed = ADVSignedDeviceIdentity.newBuilder()
                .setDetails(ByteString.copyFrom(detailBytes))
                .setAccountSignatureKey(ByteString.copyFrom(account.publicKey()))
                .setAccountSignature(ByteString.copyFrom(Adv.signAccount(signer, account.privateKey(), detailBytes, companionIdentityKey, grant.hosted())))
                .build().toByteArray();
        ADVSignedDeviceIdentityHMAC.Builder hmac = ADVSignedDeviceIdentityHMAC.newBuilder()
                .setDetails(ByteString.copyFrom(signed))
                .setHmac(ByteString.copyFrom(Adv.hmac(advSecret, signed, grant.hosted())));
        if (grant.hosted()) {
            hmac.setAccountType(type);
        }
        return hmac.build().toByteArray();
    }

    /**
     * Checks the companion's reply (the content of {@code pair-device-sign/device-identity}): it must carry the
     * details the phone issued, its account signature, and a device signature by the companion's identity key.
     * The reply leaves out the account key (Baileys' encodeSignedDeviceIdentity), so the phone supplies it.
     * Baileys signs with the {@code 6,1} prefix for every account type, so that is what is checked.
     */
    public static ADVSignedDeviceIdentity verifyReply(byte[] reply, byte[] companionIdentityKey, byte[] accountKey) {
        ADVSignedDeviceIdentity identity;
        try {
            identity = ADVSignedDeviceIdentity.parseFrom(reply);
        } catch (InvalidProtocolBufferException e) {
            throw new WaProtocolException("bad signed device identity", e);
        }
        byte[] details = identity.getDetails().toByteArray();
        if (!Adv.verifyAccount(accountKey, details, companionIdentityKey, identity.getAccountSignature().toByteArray(), isHosted(details))) {
            throw new WaProtocolException("account signature does not verify");
        }
        if (!Adv.verifyDevice(companionIdentityKey, details, accountKey, identity.getDeviceSignature().toByteArray(), false)) {
            throw new WaProtocolException("device signature does not verify");
        }
        return identity;
    }

    private static boolean isHosted(byte[] details) {
        try {
            return ADVDeviceIdentity.parseFrom(details).getDeviceType() == ADVEncryptionType.HOSTED;
        } catch (InvalidProtocolBufferException e) {
            throw new WaProtocolException("bad device identity details", e);
        }
    }
}
