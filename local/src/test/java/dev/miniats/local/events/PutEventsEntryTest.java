package dev.miniats.local.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The size limit counts UTF-8 bytes; the entry counts them without encoding, and must agree with the encoder. */
class PutEventsEntryTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "é and ß", "€ and 中文", "emoji \uD83D\uDE00 pair", "lone \uD83D high", "lone \uDE00 low", "end \uD83D"})
    void the_counted_utf8_length_equals_the_encoded_length(String text) {
        assertThat(PutEventsEntry.utf8(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
}
