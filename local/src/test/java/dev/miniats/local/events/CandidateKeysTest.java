package dev.miniats.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The bus computes the candidate key V40's generated column computed in SQL: both agree on every kind of detail. */
class CandidateKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"candidateId\":\"c-42\",\"toEmail\":\"Ada@Example.COM\"}",
            "{\"candidateId\":\"\",\"toEmail\":\"Ada@Example.COM\"}",
            "{\"toEmail\":\"ÄDA@EXAMPLE.COM\"}",
            "{\"candidateId\":null,\"toEmail\":\"x@y.z\"}",
            "{\"candidateId\":42}",
            "{\"candidateId\":4.5}",
            "{\"candidateId\":true}",
            "{\"candidateId\":{\"a\":[1,\"b\"]}}",
            "{\"toEmail\":17}",
            "{\"name\":\"no candidate at all\"}",
            "{}"
    })
    void the_bus_derives_the_same_candidate_key_as_the_sql_column_did(String detail) throws Exception {
        String envelope = "{\"id\":\"e\",\"detail\":" + detail + "}";
        assertThat(CandidateKeys.of(JSON.readTree(detail))).isEqualTo(sqlKey(envelope));
        assertThat(CandidateKeys.ofEnvelope(envelope)).isEqualTo(sqlKey(envelope));
    }

    /** V40's expression, evaluated by SQLite into a TEXT column as the generated column stored it. */
    private static String sqlKey(String envelope) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            c.createStatement().execute("CREATE TABLE t (envelope TEXT, candidate_key TEXT GENERATED ALWAYS AS ("
                    + "coalesce(nullif(json_extract(envelope, '$.detail.candidateId'), ''), lower(json_extract(envelope, '$.detail.toEmail')))) VIRTUAL)");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO t (envelope) VALUES (?)")) {
                s.setString(1, envelope);
                s.executeUpdate();
            }
            try (ResultSet r = c.createStatement().executeQuery("SELECT candidate_key FROM t")) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
