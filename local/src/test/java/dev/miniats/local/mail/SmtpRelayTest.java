package dev.miniats.local.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpRelayTest {
    @Test
    void host_and_port_parse_for_names_and_bracketed_ipv6() {
        assertThat(SmtpRelay.parse("smtp.example.com:587", true, null, null)).extracting(SmtpRelay::host, SmtpRelay::port, SmtpRelay::startTls)
                .containsExactly("smtp.example.com", 587, true);
        assertThat(SmtpRelay.parse("[::1]:2525", false, null, null).host()).isEqualTo("::1");
    }

    @Test
    void a_missing_or_bad_port_and_a_user_without_password_are_refused_with_what_is_expected() {
        assertThatThrownBy(() -> SmtpRelay.parse("smtp.example.com", false, null, null)).hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> SmtpRelay.parse("smtp.example.com:x", false, null, null)).hasMessageContaining("numeric port");
        assertThatThrownBy(() -> SmtpRelay.parse("smtp.example.com:70000", false, null, null)).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> SmtpRelay.parse("smtp.example.com:25", false, "me", null)).hasMessageContaining("ATS_SMTP_RELAY_PASSWORD");
    }

    @Test
    void the_password_never_appears_in_to_string() {
        assertThat(SmtpRelay.parse("smtp.example.com:587", true, "me", "s3cret").toString()).contains("me").doesNotContain("s3cret");
    }
}
