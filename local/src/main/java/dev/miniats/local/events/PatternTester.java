package dev.miniats.local.events;

import dev.miniats.core.routing.EventPatterns;
import software.amazon.event.ruler.Machine;

import java.io.IOException;

/**
 * TestEventPattern: whether an event matches a pattern, by the same engine (event-ruler) and the
 * same pattern checks as delivery. Used by the EventBridge API and the console's playground.
 * Stateless and thread-safe.
 */
public final class PatternTester {
    private PatternTester() {
    }

    /**
     * @throws BusException.InvalidEventPattern when the pattern is not a valid EventBridge pattern
     * @throws BusException.Validation when the event is not a JSON event event-ruler can read
     */
    public static boolean matches(String pattern, String event) {
        String problem = EventPatterns.problemWith(pattern);
        if (problem != null) {
            throw new BusException.InvalidEventPattern(problem);
        }
        Machine machine = new Machine();
        try {
            machine.addRule("test", pattern);
            return !machine.rulesForJSONEvent(event).isEmpty();
        } catch (IOException | IllegalArgumentException e) {
            throw new BusException.InvalidEventPattern(e.getMessage());
        } catch (Exception e) {
            throw new BusException.Validation("Parameter Event is not valid: " + e.getMessage());
        }
    }
}
