package dev.miniats.local.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** Builds the runtime's tracing: spans to the local store, and to an OTLP collector when one is configured. */
public final class TracingSetup {
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private TracingSetup() {
    }

    /**
     * The bus's tracing, spans batched into {@code spanStore} and, when {@code otlpEndpoint} is not null, exported there too;
     * the tracer provider is handed to {@code onClose} so the runtime flushes it when it stops.
     */
    public static BusTracing start(SpanStore spanStore, URI otlpEndpoint, Clock clock, Consumer<AutoCloseable> onClose) {
        SdkTracerProviderBuilder traces = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, "mini-ats-local"))))
                .addSpanProcessor(BatchSpanProcessor.builder(spanStore).setScheduleDelay(Duration.ofMillis(200)).build());
        if (otlpEndpoint != null) {
            // its own processor: a slow collector cannot hold up the console's store
            traces.addSpanProcessor(BatchSpanProcessor.builder(new OtlpExport(otlpEndpoint))
                    .setScheduleDelay(Duration.ofMillis(500)).build());
        }
        SdkTracerProvider tracerProvider = traces.build();
        onClose.accept(tracerProvider);
        return new BusTracing(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build(),
                new TraceSampling(clock, TraceSampling.DEFAULT_RESERVOIR, TraceSampling.DEFAULT_RATE));
    }
}
