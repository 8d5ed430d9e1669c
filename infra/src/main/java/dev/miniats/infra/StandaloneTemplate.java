package dev.miniats.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.StackProps;

import java.util.Map;

/**
 * The stack as a plain CloudFormation template, deployable with {@code aws cloudformation deploy}
 * and no CDK: code and sender identity are parameters, and nothing refers to a CDK bootstrap stack
 * (no BootstrapVersion parameter or rule, no asset bucket), CDK version or construct path, so the
 * output only changes when the stack does.
 */
public final class StandaloneTemplate {
    static final String STACK_NAME = "MiniAts";

    private static final ObjectMapper JSON = new ObjectMapper();
    // Two spaces, one value per line, "key": value: the layout of `cdk synth --json`, which diffs well.
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter()
            .withObjectIndenter(INDENT)
            .withArrayIndenter(INDENT)
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private StandaloneTemplate() {
    }

    /** Synthesizes the default settings (bus {@code mini-ats}, default partners) to pretty JSON. */
    public static String synthesize() {
        App app = new App(AppProps.builder()
                .analyticsReporting(false)
                .treeMetadata(false)
                .stackTraces(false)
                .context(Map.of("aws:cdk:enable-path-metadata", false))
                .build());
        MiniAtsStack stack = new MiniAtsStack(app, STACK_NAME, StackProps.builder()
                .description("mini-ats: hiring pipeline on EventBridge, Lambda, SES and DynamoDB (standalone template)")
                // Not the default synthesizer: that one adds the BootstrapVersion parameter and rule.
                .synthesizer(new BootstraplessSynthesizer())
                .build(), StackSettings.defaults(), new Deployment.Standalone());
        Object template = app.synth().getStackByName(stack.getStackName()).getTemplate();
        try {
            return JSON.writer(LAYOUT).writeValueAsString(template) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The synthesized template cannot be written as JSON", e);
        }
    }
}
