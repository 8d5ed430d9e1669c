package dev.miniats.local.aws;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QueryXmlTest {
    @Test
    void a_message_with_markup_and_control_characters_still_yields_well_formed_xml() throws Exception {
        String xml = QueryXml.error("Sender", "InvalidParameterValue", "Illegal address <a@b>\u0000 & \u0007\r\nBcc: x", "req-1", QueryXml.SES_NAMESPACE);

        Document doc = parse(xml);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(QueryXml.SES_NAMESPACE);
        assertThat(doc.getElementsByTagName("Message").item(0).getTextContent()).isEqualTo("Illegal address <a@b>\uFFFD & \uFFFD\nBcc: x");
        assertThat(doc.getElementsByTagName("RequestId").item(0).getTextContent()).isEqualTo("req-1");
    }

    @Test
    void a_response_wraps_its_result_and_response_metadata_in_the_action_s_elements() throws Exception {
        String xml = QueryXml.response("SendEmail", QueryXml.SES_NAMESPACE).element("MessageId", "m-1").element("Skipped", null).finish("req-2");

        Document doc = parse(xml);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("SendEmailResponse");
        assertThat(doc.getElementsByTagName("SendEmailResult").item(0).getTextContent()).isEqualTo("m-1");
        assertThat(doc.getElementsByTagName("Skipped").getLength()).isZero();
        assertThat(doc.getElementsByTagName("ResponseMetadata").item(0).getTextContent()).isEqualTo("req-2");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
