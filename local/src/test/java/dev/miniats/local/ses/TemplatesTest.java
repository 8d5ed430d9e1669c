package dev.miniats.local.ses;

import dev.miniats.local.sqlite.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplatesTest {
    @TempDir
    Path dir;
    Database db;
    Templates templates;

    @BeforeEach
    void open() {
        db = Database.open(dir, false);
        templates = new Templates(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void variables_nested_paths_and_lists_are_substituted_and_missing_ones_render_empty() {
        EmailTemplate t = templates.create("Offer", "Offer for {{candidate.name}}",
                "Start {{start}}.{{#perks}} {{.}}{{/perks}} Manager: {{manager}}.", null);

        Templates.Rendered r = templates.render(t, "{\"candidate\":{\"name\":\"Ada\"},\"start\":\"May 1\",\"perks\":[\"gym\",\"lunch\"]}");

        assertThat(r.subject()).isEqualTo("Offer for Ada");
        assertThat(r.text()).isEqualTo("Start May 1. gym lunch Manager: .");
        assertThat(r.html()).isNull();
    }

    @Test
    void html_escapes_values_while_subject_and_text_keep_them_as_given() {
        EmailTemplate t = templates.create("Escape", "{{company}}", "{{company}}", "<b>{{company}}</b>");

        Templates.Rendered r = templates.render(t, "{\"company\":\"R&D <Labs>\"}");

        assertThat(r.subject()).isEqualTo("R&D <Labs>");
        assertThat(r.text()).isEqualTo("R&D <Labs>");
        assertThat(r.html()).isEqualTo("<b>R&amp;D &lt;Labs&gt;</b>");
    }

    @Test
    void template_data_that_is_not_a_json_object_is_an_invalid_parameter() {
        EmailTemplate t = templates.create("Data", "s", "t", null);

        assertThatThrownBy(() -> templates.render(t, "{not json")).isInstanceOf(InvalidSesRequestException.class);
        assertThatThrownBy(() -> templates.render(t, "[1,2]")).isInstanceOf(InvalidSesRequestException.class);
    }

    @Test
    void names_are_unique_and_unknown_names_are_not_found() {
        templates.create("Once", "s", "t", null);

        assertThatThrownBy(() -> templates.create("Once", "s", "t", null)).isInstanceOf(SesAlreadyExistsException.class);
        assertThatThrownBy(() -> templates.require("Never")).isInstanceOf(SesNotFoundException.class);
        assertThatThrownBy(() -> templates.create("bad name!", "s", "t", null)).isInstanceOf(InvalidSesRequestException.class);
    }
}
