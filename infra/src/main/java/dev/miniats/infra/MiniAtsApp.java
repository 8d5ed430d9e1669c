package dev.miniats.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json} runs it): one {@link MiniAtsStack}, configured from CDK context —
 * {@code senderIdentity} (required), {@code environment}, {@code partners}. The account and region
 * come from the CLI's profile.
 */
public final class MiniAtsApp {
    private MiniAtsApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        StackSettings settings = StackSettings.fromContext(app.getNode()::tryGetContext);
        Object sender = app.getNode().tryGetContext(Deployment.CdkAsset.SENDER_IDENTITY_KEY);
        Deployment deployment = new Deployment.CdkAsset(sender == null ? null : sender.toString().trim(),
                LambdaJar.locate());
        new MiniAtsStack(app, stackName(settings), StackProps.builder()
                .description("mini-ats: hiring pipeline on EventBridge, Lambda, SES and DynamoDB")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build(), settings, deployment);
        app.synth();
    }

    /** {@code MiniAts}, or {@code MiniAts-dev}: one CloudFormation stack per environment. */
    static String stackName(StackSettings settings) {
        return settings.environmentName().isEmpty() ? "MiniAts" : "MiniAts-" + settings.environmentName();
    }
}
