package dev.miniats.local.cloudformation;

import java.util.function.Supplier;

/**
 * What a template's {@code Ref}, {@code Fn::GetAtt} and {@code Fn::ImportValue} see: the resources
 * the stack has made so far ({@code current}, null before any) and the exports of the other
 * complete stacks. Read-only; as thread-safe as {@code current} and the store.
 */
final class StackRefs implements Intrinsics.Resources {
    private final StackStore store;
    private final Supplier<Stack> current;

    StackRefs(StackStore store, Supplier<Stack> current) {
        this.store = store;
        this.current = current;
    }

    @Override
    public String ref(String logicalId) {
        return made(logicalId).physicalId();
    }

    @Override
    public String attribute(String logicalId, String attribute) {
        String value = made(logicalId).attributes().get(attribute);
        if (value == null) {
            throw CfnException.invalid("Template error: resource " + logicalId + " does not support attribute type "
                    + attribute + " in Fn::GetAtt");
        }
        return value;
    }

    @Override
    public String importValue(String exportName) {
        for (Stack s : store.all()) {
            if (s.deleted() || !s.status().endsWith("COMPLETE")) {
                continue;
            }
            for (Stack.Output o : s.outputs()) {
                if (exportName.equals(o.exportName())) {
                    return o.outputValue();
                }
            }
        }
        throw CfnException.invalid("No export named " + exportName + " found.");
    }

    private Stack.Resource made(String logicalId) {
        Stack stack = current.get();
        Stack.Resource r = stack == null ? null : stack.resources().get(logicalId);
        if (r == null) {
            throw CfnException.invalid("Template error: resource " + logicalId + " is not created (its Condition is false)");
        }
        return r;
    }
}
