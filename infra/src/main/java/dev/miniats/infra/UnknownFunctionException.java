package dev.miniats.infra;

import dev.miniats.core.routing.Route;
import dev.miniats.functions.HiringFunction;

import java.util.Arrays;

/** Thrown when a route targets a function the catalog does not have. Not retryable: fix the declaration. */
public final class UnknownFunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownFunctionException(Route route) {
        super("Route '" + route.ruleName() + "' targets function '" + route.functionName()
                + "', which is not in the catalog; expected one of "
                + Arrays.stream(HiringFunction.values()).map(HiringFunction::functionName).toList());
    }
}
