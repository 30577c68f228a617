package io.wagate.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads the text of a QR code image the server made. */
public final class QrCodes {
    private QrCodes() {}

    public static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        // PURE_BARCODE: the image is a generated code, not a photo, so no searching for finder patterns.
        return new MultiFormatReader().decode(bitmap, Map.of(
                DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
