package dev.miniats.infra;

import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.Bucket;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the stack gets what differs between the two ways to deploy it: the function code and the
 * SES sender identity. With the CDK CLI both are known at synthesis (an asset and a context value);
 * for the standalone CloudFormation template they are parameters chosen at deploy time.
 */
public sealed interface Deployment {

    /** Creates (in {@code stack}) whatever the inputs need, and returns them. */
    Inputs inputs(Stack stack);

    /**
     * @param senderIdentity     the email address or domain SES sends from (a literal or a token)
     * @param code               the functions' code
     * @param versionDescription description of each published version; it must change whenever the
     *                           code does, or CloudFormation would not publish a new version for SnapStart
     */
    record Inputs(String senderIdentity, Code code, String versionDescription) {
    }

    /** {@code cdk deploy}: the shaded jar is uploaded as a CDK asset; its hash versions the functions. */
    record CdkAsset(String senderIdentity, Path lambdaJar) implements Deployment {
        /** CDK context key ({@code -c senderIdentity=hiring@example.com} or a domain). */
        public static final String SENDER_IDENTITY_KEY = "senderIdentity";

        public CdkAsset {
            Objects.requireNonNull(lambdaJar, "lambdaJar");
            if (senderIdentity == null || senderIdentity.isBlank()) {
                throw new IllegalArgumentException("No SES sender identity given; pass -c " + SENDER_IDENTITY_KEY
                        + "=hiring@example.com (an email address or a domain you can verify)");
            }
        }

        @Override
        public Inputs inputs(Stack stack) {
            // The asset hash is part of the function's properties, so CDK's currentVersion changes with the jar.
            return new Inputs(senderIdentity, Code.fromAsset(lambdaJar.toString()), "mini-ats functions jar");
        }
    }

    /** Plain CloudFormation: the jar is already in S3, and the sender identity is a parameter. */
    record Standalone() implements Deployment {
        @Override
        public Inputs inputs(Stack stack) {
            CfnParameter bucket = CfnParameter.Builder.create(stack, "CodeS3Bucket")
                    .type("String")
                    .description("S3 bucket holding the functions' Lambda jar (functions-<version>-lambda.jar)")
                    .build();
            CfnParameter key = CfnParameter.Builder.create(stack, "CodeS3Key")
                    .type("String")
                    .description("S3 key of the functions' Lambda jar; use a new key for each build so a new version is published")
                    .build();
            CfnParameter sender = CfnParameter.Builder.create(stack, "SenderIdentity")
                    .type("String")
                    .description("Email address or domain SES sends from; verify it after the first deploy")
                    .build();
            Code code = Code.fromBucket(Bucket.fromBucketName(stack, "CodeBucket", bucket.getValueAsString()),
                    key.getValueAsString());
            // The function's properties only hold Refs to the parameters, so the version's logical id never
            // changes; putting the key in its description makes CloudFormation replace (publish) it per build.
            // A sorted map: Map.of's iteration order changes between JVM runs, and so would the template.
            String description = Fn.sub("mini-ats functions jar s3://${Bucket}/${Key}",
                    new TreeMap<>(Map.of("Bucket", bucket.getValueAsString(), "Key", key.getValueAsString())));
            return new Inputs(sender.getValueAsString(), code, description);
        }
    }
}
