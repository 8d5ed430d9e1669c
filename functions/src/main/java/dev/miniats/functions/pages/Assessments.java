package dev.miniats.functions.pages;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The local assessment: three questions, scored 0 to 100. Stateless. */
final class Assessments {
    /** The right option of each question q1, q2, q3 (the page lists a, b, c for each). */
    private static final List<String> ANSWERS = List.of("b", "c", "a");

    private Assessments() {
    }

    /** The score of the submitted answers, or empty when a question is unanswered or has no such option. */
    static Optional<Integer> score(Function<String, String> form) {
        int right = 0;
        for (int i = 0; i < ANSWERS.size(); i++) {
            String given = form.apply("q" + (i + 1));
            if (given == null || !given.matches("[abc]")) {
                return Optional.empty();
            }
            if (given.equals(ANSWERS.get(i))) {
                right++;
            }
        }
        return Optional.of(Math.round(right * 100f / ANSWERS.size()));
    }
}
