package dev.miniats.local;

import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.PutEventsEntry;
import dev.miniats.local.events.PutEventsResult;
import dev.miniats.local.lambda.FunctionError;
import dev.miniats.local.lambda.FunctionRegistry;
import dev.miniats.local.scheduler.ScheduleTargets;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Scheduler's targets in this runtime: its functions (invoked as Lambda's asynchronous invoke
 * would be: a function's own failure is noted, not retried by the Scheduler) and its buses.
 */
final class LocalScheduleTargets implements ScheduleTargets {
    private final FunctionRegistry functions;
    private final EventBus bus;

    LocalScheduleTargets(FunctionRegistry functions, EventBus bus) {
        this.functions = functions;
        this.bus = bus;
    }

    @Override
    public String invokeFunction(String function, String payload, String traceHeader) {
        if (!functions.exists(function)) {
            throw new FunctionError("ResourceNotFoundException", "Function not found: " + functions.arn(function), true, null);
        }
        try {
            functions.invoke(function, payload.getBytes(StandardCharsets.UTF_8), traceHeader);
            return null;
        } catch (FunctionError e) {
            if ("TooManyRequestsException".equals(e.errorType())) {
                throw e;
            }
            return "function error " + e.errorType() + ": " + e.getMessage();
        }
    }

    @Override
    public void putEvent(String busName, String source, String detailType, String detail, String traceHeader) {
        PutEventsResult result = bus.put(List.of(new PutEventsEntry(source, detailType, detail, busName, null, List.of(), null)),
                traceHeader).get(0);
        if (result.failed()) {
            throw new IllegalStateException(result.errorCode() + ": " + result.errorMessage());
        }
    }
}
