package dev.miniats.core.mail;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailStreamProviderTest {

    @Test
    void pinning_names_the_provider_the_service_lookup_would_find() {
        String before = System.getProperty(MailStreamProvider.PROPERTY);
        try {
            System.clearProperty(MailStreamProvider.PROPERTY);
            Class<?> found = StreamProvider.provider().getClass();

            MailStreamProvider.pin();

            assertThat(System.getProperty(MailStreamProvider.PROPERTY)).isEqualTo(found.getName());
            assertThat(StreamProvider.provider()).isInstanceOf(found);
        } finally {
            restore(before);
        }
    }

    @Test
    void pinning_keeps_a_provider_someone_else_chose() {
        String before = System.getProperty(MailStreamProvider.PROPERTY);
        try {
            System.setProperty(MailStreamProvider.PROPERTY, "com.example.TheirStreamProvider");

            MailStreamProvider.pin();

            assertThat(System.getProperty(MailStreamProvider.PROPERTY)).isEqualTo("com.example.TheirStreamProvider");
        } finally {
            restore(before);
        }
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty(MailStreamProvider.PROPERTY);
        } else {
            System.setProperty(MailStreamProvider.PROPERTY, value);
        }
    }
}
