package io.palisade.detection.analysis.attachment;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes QR codes (ZXing) in images and rendered PDF pages. Images are read at a bounded size: a large image is
 * subsampled while it is read, so a decompression bomb costs no more than a normal picture.
 */
public final class QrCodes {
    private static final Logger LOG = LoggerFactory.getLogger(QrCodes.class);

    /** The longest side, in pixels, that an image is decoded at. */
    static final int MAX_SIDE = 2000;

    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

    private QrCodes() {}

    /**
     * The texts of the QR codes in an image file (PNG, JPEG, GIF, BMP).
     *
     * @param content the image file's bytes, never null
     * @return the decoded texts, never null (empty when there is none or the image is unreadable)
     */
    public static List<String> inImage(byte[] content) {
        return readBounded(content).map(QrCodes::inPicture).orElse(List.of());
    }

    /** The texts of the QR codes in a picture (e.g. a rendered PDF page), never null. */
    public static List<String> inPicture(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
        try {
            Result[] results = new QRCodeMultiReader().decodeMultiple(bitmap, HINTS);
            List<String> texts = new ArrayList<>();
            for (Result result : results) {
                texts.add(result.getText());
            }
            return texts;
        } catch (NotFoundException e) {
            return List.of();
        } catch (RuntimeException e) {
            LOG.debug(
                    "attachment.inspect kind=qr outcome=undecodable error={}",
                    e.getClass().getSimpleName());
            return List.of();
        }
    }

    private static java.util.Optional<BufferedImage> readBounded(byte[] content) {
        try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                return java.util.Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                int side = Math.max(reader.getWidth(0), reader.getHeight(0));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, (side + MAX_SIDE - 1) / MAX_SIDE);
                param.setSourceSubsampling(step, step, 0, 0);
                return java.util.Optional.ofNullable(reader.read(0, param));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug(
                    "attachment.inspect kind=image outcome=unreadable error={}",
                    e.getClass().getSimpleName());
            return java.util.Optional.empty();
        }
    }
}
