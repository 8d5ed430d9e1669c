package dev.miniats.local.tracing;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

/**
 * The optional export of the runtime's spans to an OpenTelemetry collector over OTLP/HTTP
 * (protobuf), next to the {@link SpanStore}. Export runs behind its own batch span processor, so
 * a slow or absent collector only drops spans; a failure is logged once at warn, not per batch.
 * Thread-safe.
 */
public final class OtlpExport implements SpanExporter {
    private static final Logger LOG = LoggerFactory.getLogger(OtlpExport.class);
    /** The exporter's own (java.util.logging) logger, which reports every failed batch; we report once instead. */
    private static final java.util.logging.Logger EXPORTER_LOG =
            java.util.logging.Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter");

    private final SpanExporter delegate;
    private final URI endpoint;
    private final AtomicBoolean warned = new AtomicBoolean();

    public OtlpExport(URI tracesEndpoint) {
        this.endpoint = tracesEndpoint;
        this.delegate = OtlpHttpSpanExporter.builder().setEndpoint(tracesEndpoint.toString())
                .setTimeout(Duration.ofSeconds(5)).build();
        EXPORTER_LOG.setLevel(Level.OFF);
    }

    /**
     * Where traces go: {@code --otlp-endpoint} or {@code OTEL_EXPORTER_OTLP_ENDPOINT} is a base URL
     * that gets {@code /v1/traces}; {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is used as it is
     * (https://opentelemetry.io/docs/specs/otel/protocol/exporter/#endpoint-urls-for-otlphttp).
     * The option wins over the environment. Null when none is set: no export.
     *
     * @throws IllegalArgumentException when the chosen value is not an http(s) URL; names where it came from
     */
    public static URI tracesEndpoint(String option, Map<String, String> environment) {
        if (present(option)) {
            return base("--otlp-endpoint", option);
        }
        String traces = environment.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (present(traces)) {
            return url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.strip());
        }
        String base = environment.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        return present(base) ? base("OTEL_EXPORTER_OTLP_ENDPOINT", base) : null;
    }

    private static URI base(String source, String value) {
        String trimmed = value.strip();
        url(source, trimmed);
        return url(source, (trimmed.endsWith("/") ? trimmed : trimmed + "/") + "v1/traces");
    }

    private static URI url(String source, String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below with what was expected
        }
        throw new IllegalArgumentException(source + " is '" + value + "'; expected an http or https URL like http://127.0.0.1:4318");
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = delegate.export(spans);
        result.whenComplete(() -> {
            if (!result.isSuccess() && warned.compareAndSet(false, true)) {
                LOG.warn("cannot export spans to {} over OTLP; the bus goes on, spans stay in the console's store"
                        + " (further export failures are not reported)", endpoint);
            }
        });
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
