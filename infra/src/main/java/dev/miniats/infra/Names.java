package dev.miniats.infra;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Construct ids from kebab-case names, so logical ids read {@code SendAssessment...} in the template. */
final class Names {
    private Names() {
    }

    static String pascal(String kebab) {
        return Arrays.stream(kebab.split("[^A-Za-z0-9]+"))
                .filter(part -> !part.isEmpty())
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }
}
