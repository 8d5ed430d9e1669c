package dev.miniats.local.aws;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The SigV4 credential scope is read from the headers real clients send, and malformed ones are unsigned. */
class AwsRequestTest {
    private static final String SDK = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/eu-west-1/events/aws4_request,"
            + " SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    @Test
    void the_scope_of_a_signed_request_names_its_key_region_and_service() {
        AwsRequest call = AwsRequest.of(SDK, "Root=1-5759e988-bd862e3fe1be46a994272793", "r-1", "us-east-1");

        assertThat(call.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(call.region()).isEqualTo("eu-west-1");
        assertThat(call.traceHeader()).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793");
        assertThat(AwsRequest.signedService(SDK)).isEqualTo("events");
    }

    @Test
    void an_unsigned_or_malformed_request_takes_the_default_region_and_names_no_service() {
        for (String header : new String[]{null, "", "Bearer x", "AWS4-HMAC-SHA256 Credential=AKID/2026124/us-east-1/events/aws4_request",
                "AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/events/aws4_reques", "AWS4-HMAC-SHA256 Credential=/20261204/us-east-1/events/aws4_request",
                "AWS4-HMAC-SHA256 Credential=AKID/20261204//events/aws4_request", "AWS4-HMAC-SHA256 Credential=AKID/20261204/us east-1/events/aws4_request",
                "AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/events"}) {
            AwsRequest call = AwsRequest.of(header, null, "r-1", "us-east-1");

            assertThat(call.region()).as(header).isEqualTo("us-east-1");
            assertThat(call.accessKeyId()).as(header).isNull();
            assertThat(AwsRequest.signedService(header)).as(header).isNull();
        }
    }

    @Test
    void a_malformed_credential_before_a_well_formed_one_is_passed_over() {
        String header = "x Credential=AKID/2026/eu-west-1/ses/aws4_request Credential=KEY2/20261204/ap-south-1/sqs/aws4_request";

        assertThat(AwsRequest.Scope.of(header)).isEqualTo(new AwsRequest.Scope("KEY2", "ap-south-1", "sqs"));
    }

    /**
     * The hand-written reader agrees with the regular expression it replaced on 200,000 headers:
     * well-formed credentials with parts randomly replaced, dropped or repeated by the characters
     * that matter (separators, whitespace, digits, the markers), among random text.
     */
    @Test
    void reads_every_header_as_the_regular_expression_it_replaced_did() {
        Pattern regex = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
        String[] pieces = {"Credential=", "aws4_request", "/", ",", " ", "\t", "\n", "20261204", "2026", "1", "a", "AKID",
                "us-east-1", "events", "\u000B", "\f", "\r", "é", "Credential", "=", "x/", ""};
        String[] wellFormed = {"AWS4-HMAC-SHA256 ", "Credential=", "AKID", "/", "20261204", "/", "us-east-1", "/", "events", "/",
                "aws4_request", ", SignedHeaders=host"};
        Random random = new Random(15);
        List<String> headers = new ArrayList<>(List.of(SDK));
        for (int n = 0; n < 200_000; n++) {
            StringBuilder h = new StringBuilder();
            for (int i = random.nextInt(3); i > 0; i--) {
                h.append(pieces[random.nextInt(pieces.length)]);
            }
            for (String part : wellFormed) {
                int dice = random.nextInt(40);
                h.append(dice == 0 ? pieces[random.nextInt(pieces.length)] : dice == 1 ? part + part : dice == 2 ? "" : part);
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                h.append(pieces[random.nextInt(pieces.length)]);
            }
            headers.add(h.toString());
        }
        int signed = 0;
        for (String h : headers) {
            Matcher m = regex.matcher(h);
            AwsRequest.Scope expected = m.find() ? new AwsRequest.Scope(m.group(1), m.group(2), m.group(3)) : null;

            assertThat(AwsRequest.Scope.of(h)).as(h).isEqualTo(expected);
            signed += expected != null ? 1 : 0;
        }
        assertThat(signed).as("headers with a well-formed scope among those generated").isBetween(20_000, 190_000);
    }
}
