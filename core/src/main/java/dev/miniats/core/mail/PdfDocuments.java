package dev.miniats.core.mail;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns a rendered XHTML document into PDF with openhtmltopdf (CSS 2.1 with paged media, on
 * PDFBox). Fonts are the PDF base-14 ones, so nothing is loaded from disk. Thread-safe: a new
 * renderer per document.
 */
final class PdfDocuments {
    static {
        // openhtmltopdf logs every CSS property it ignores through java.util.logging; the
        // document is ours and tested, so its chatter would only bury real errors in the logs.
        XRLog.setLoggingEnabled(false);
    }

    private PdfDocuments() {
    }

    static byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("openhtmltopdf could not render the document", e);
        }
        return out.toByteArray();
    }
}
