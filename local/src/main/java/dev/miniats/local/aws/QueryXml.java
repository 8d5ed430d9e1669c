package dev.miniats.local.aws;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/**
 * An answer in the AWS Query protocol's XML
 * (https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html#API_SendEmail_Examples):
 * {@code <ActionResponse xmlns=...><ActionResult>...</ActionResult><ResponseMetadata>...}.
 * Written with StAX, so every value is escaped; characters XML 1.0 cannot carry become U+FFFD.
 * Not thread-safe: one per answer.
 */
public final class QueryXml {
    static final String SES_NAMESPACE = "http://ses.amazonaws.com/doc/2010-12-01/";
    /** Each Query service's XML namespace, as its answers declare it. */
    private static final java.util.Map<String, String> NAMESPACES = java.util.Map.of(
            "ses", SES_NAMESPACE,
            "iam", "https://iam.amazonaws.com/doc/2010-05-08/",
            "sts", "https://sts.amazonaws.com/doc/2011-06-15/",
            "cloudformation", "http://cloudformation.amazonaws.com/doc/2010-05-15/",
            "sqs", "http://queue.amazonaws.com/doc/2012-11-05/");
    // the JDK's own writer, whatever StAX implementation a backend brings (Woodstox writes CR as &#xD;)
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final StringWriter out = new StringWriter();
    private final XMLStreamWriter xml;

    private QueryXml() {
        try {
            xml = FACTORY.createXMLStreamWriter(out);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JDK's StAX writer is always available", e);
        }
    }

    /** Starts {@code <ActionResponse><ActionResult>}; add elements, then call {@link #finish}. */
    public static QueryXml response(String action, String namespace) {
        QueryXml x = new QueryXml();
        x.run(() -> {
            x.xml.writeStartDocument("UTF-8", "1.0");
            x.xml.writeStartElement(action + "Response");
            x.xml.writeDefaultNamespace(namespace);
            x.xml.writeStartElement(action + "Result");
        });
        return x;
    }

    /** The Query protocol's error document. */
    /** The XML namespace of a Query service by its signing name; SES's when unknown. */
    public static String namespaceFor(String service) {
        return service == null ? SES_NAMESPACE : NAMESPACES.getOrDefault(service, SES_NAMESPACE);
    }

    static String error(String type, String code, String message, String requestId, String namespace) {
        QueryXml x = new QueryXml();
        x.run(() -> {
            x.xml.writeStartDocument("UTF-8", "1.0");
            x.xml.writeStartElement("ErrorResponse");
            x.xml.writeDefaultNamespace(namespace);
            x.xml.writeStartElement("Error");
        });
        x.element("Type", type).element("Code", code).element("Message", message);
        x.run(() -> x.xml.writeEndElement());
        x.element("RequestId", requestId);
        x.run(() -> {
            x.xml.writeEndElement();
            x.xml.writeEndDocument();
        });
        return x.out.toString();
    }

    public QueryXml start(String name) {
        run(() -> xml.writeStartElement(name));
        return this;
    }

    public QueryXml end() {
        run(xml::writeEndElement);
        return this;
    }

    /** {@code <name>text</name>}; nothing when {@code text} is null. */
    public QueryXml element(String name, Object text) {
        if (text != null) {
            run(() -> {
                xml.writeStartElement(name);
                xml.writeCharacters(clean(text.toString()));
                xml.writeEndElement();
            });
        }
        return this;
    }

    /** Closes the Result element, adds ResponseMetadata and returns the document. */
    public String finish(String requestId) {
        run(() -> {
            xml.writeEndElement();
            xml.writeStartElement("ResponseMetadata");
        });
        element("RequestId", requestId);
        run(() -> {
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        });
        return out.toString();
    }

    private static String clean(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            b.appendCodePoint(legal ? c : 0xFFFD);
        });
        return b.toString();
    }

    private void run(XmlWork work) {
        try {
            work.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write a Query XML answer: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface XmlWork {
        void run() throws XMLStreamException;
    }
}
