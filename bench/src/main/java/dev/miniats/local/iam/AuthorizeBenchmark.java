package dev.miniats.local.iam;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.sqlite.Database;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * What a permission check costs a request signed by a role session: {@code Iam.check} (session
 * lookup, the role's attached and inline policies read from SQLite, evaluation) and
 * {@code Iam.authorize} alone, for a role with AmazonSESFullAccess, AWSLambdaBasicExecutionRole
 * and one inline Deny. Lives in the iam package to build the role without the HTTP API. Scores are
 * microseconds per check. {@code authorizeAfterChange} changes the role before each check, so
 * the compiled policies are read and parsed again every time: the cost the cache saves.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class AuthorizeBenchmark {
    private static final String ROLE = "arn:aws:iam::000000000000:role/fn-role";
    private static final String IDENTITY = "arn:aws:ses:us-east-1:000000000000:identity/acme.example";

    private static final String NO_RAW = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"ses:SendRawEmail\","
            + "\"Resource\":\"*\"}}";

    private Path dir;
    private Database db;
    private Iam iam;
    private String accessKeyId;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("iam-bench");
        db = Database.open(dir, false);
        RoleStore roles = new RoleStore(db, new PolicyStore(db, new AwsManagedPolicies()));
        roles.create(new Role("fn-role", "/", "AROAEXAMPLEEXAMPLE01", ROLE, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", null, 3600, 0));
        roles.attach("fn-role", "arn:aws:iam::aws:policy/AmazonSESFullAccess");
        roles.attach("fn-role", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        roles.putPolicy("fn-role", "no-raw", NO_RAW);
        iam = new Iam(db, new Arns("us-east-1", "000000000000"), Clock.systemUTC(), true);
        accessKeyId = iam.credentialsFor(ROLE, "bench").accessKeyId();
    }

    @TearDown
    public void tearDown() {
        db.close();
    }

    @Benchmark
    public Iam.Decision authorize() {
        return iam.authorize(ROLE, "ses:SendEmail", IDENTITY);
    }

    @Benchmark
    public Iam.Decision authorizeAfterChange() {
        iam.roles().putPolicy("fn-role", "no-raw", NO_RAW);
        return iam.authorize(ROLE, "ses:SendEmail", IDENTITY);
    }

    @Benchmark
    public void checkAllowed() {
        iam.check(accessKeyId, "ses:SendEmail", IDENTITY);
    }

    @Benchmark
    public void checkPlainCredentials() {
        iam.check("local", "ses:SendEmail", IDENTITY);
    }
}
