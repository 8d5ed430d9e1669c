package dev.miniats.local.cloudformation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateUrlsTest {
    @Test
    void path_style_and_virtual_host_urls_local_and_aws_name_the_same_object() {
        for (String url : new String[]{
                "http://127.0.0.1:4599/artifacts/templates/mini-ats.json",
                "http://localhost:4599/artifacts/templates/mini-ats.json",
                "http://artifacts.localhost:4599/templates/mini-ats.json",
                "https://s3.amazonaws.com/artifacts/templates/mini-ats.json",
                "https://s3.us-east-1.amazonaws.com/artifacts/templates/mini-ats.json",
                "https://artifacts.s3.amazonaws.com/templates/mini-ats.json",
                "https://artifacts.s3.eu-west-1.amazonaws.com/templates/mini-ats.json"}) {
            assertThat(TemplateUrls.location(url)).as(url).containsExactly("artifacts", "templates/mini-ats.json");
        }
    }

    @Test
    void an_escaped_key_is_decoded() {
        assertThat(TemplateUrls.location("http://127.0.0.1:4599/b/a%20b/c%2Bd.yaml")).containsExactly("b", "a b/c+d.yaml");
    }

    @Test
    void a_url_that_names_no_s3_object_is_a_validation_error_naming_it() {
        for (String url : new String[]{"ftp://127.0.0.1/b/k", "https://example.com/b/k", "http://127.0.0.1:4599/bucket-only", "not a url"}) {
            assertThatThrownBy(() -> TemplateUrls.location(url)).as(url).isInstanceOf(CfnException.class)
                    .hasMessageContaining("TemplateURL must be a supported URL");
        }
    }
}
