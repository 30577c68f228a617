package io.wagate.emulator.stopgap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The emulator's signatures checked by the libsignal copy Baileys uses, in a real Node process. */
class SignaturesTest {
    @Test
    void libsignalAcceptsTheSignatureAndRefusesAForgedOne() throws Exception {
        var keys = Curve.generate();
        byte[] message = "a certificate to sign".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Signatures.sign(keys.privateKey(), message);
        byte[] forged = signature.clone();
        forged[5] ^= 1;
        var hex = HexFormat.of();
        String script = """
                const curve = require('./node_modules/libsignal/src/curve.js')
                const [pub, msg, good, bad] = process.argv.slice(1).map(h => Buffer.from(h, 'hex'))
                const key = Buffer.concat([Buffer.from([5]), pub])
                const check = s => { try { return curve.verifySignature(key, msg, s) === true } catch { return false } }
                console.log(check(good) + ' ' + check(bad))
                """;
        var process = new ProcessBuilder("node", "-e", script, hex.formatHex(keys.publicKey()), hex.formatHex(message),
                hex.formatHex(signature), hex.formatHex(forged))
                .directory(Path.of("bridge").toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo("true false");
    }

    @Test
    void theSharedKeyIsTheSameFromBothSides() {
        var a = Curve.generate();
        var b = Curve.generate();
        assertThat(Curve.sharedKey(a.privateKey(), b.publicKey())).isEqualTo(Curve.sharedKey(b.privateKey(), a.publicKey()));
    }
}
