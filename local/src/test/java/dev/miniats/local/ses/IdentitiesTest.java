package dev.miniats.local.ses;

import dev.miniats.local.sqlite.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentitiesTest {
    @TempDir
    Path dir;
    Database db;
    Identities identities;

    @BeforeEach
    void open() {
        db = Database.open(dir, false);
        identities = new Identities(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_verified_domain_covers_its_addresses_and_subdomains_but_not_its_parent() {
        identities.verify("Acme.Example");

        assertThat(identities.unverified(List.of("hr@acme.example", "hr@JOBS.acme.example", "hr@example", "hr@notacme.example")))
                .containsExactly("hr@example", "hr@notacme.example");
    }

    @Test
    void an_address_identity_matches_its_domain_in_any_case_but_its_local_part_exactly() {
        identities.verify("Talent@ACME.example");

        assertThat(identities.get("Talent@acme.example")).isPresent();
        assertThat(identities.unverified(List.of("Talent@acme.EXAMPLE", "talent@acme.example"))).containsExactly("talent@acme.example");
    }

    @Test
    void verifying_twice_keeps_one_identity_and_its_token_while_creating_twice_fails() {
        String token = identities.verify("acme.example").token();

        assertThat(identities.verify("acme.example").token()).isEqualTo(token);
        assertThat(identities.list(Identity.Type.DOMAIN)).hasSize(1);
        assertThatThrownBy(() -> identities.create("acme.example")).isInstanceOf(SesAlreadyExistsException.class);
    }

    @Test
    void malformed_identities_are_refused_as_invalid_parameters() {
        assertThatThrownBy(() -> identities.verify("not an address@")).isInstanceOf(InvalidSesRequestException.class);
        assertThatThrownBy(() -> identities.verify("-bad-.example")).isInstanceOf(InvalidSesRequestException.class);
        assertThatThrownBy(() -> identities.verify(" ")).isInstanceOf(InvalidSesRequestException.class);
        assertThat(identities.list(null)).isEmpty();
    }

    @Test
    void deleting_reports_whether_there_was_an_identity() {
        identities.verify("hr@acme.example");

        assertThat(identities.delete("hr@acme.example")).isTrue();
        assertThat(identities.delete("hr@acme.example")).isFalse();
    }
}
