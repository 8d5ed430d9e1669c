package dev.miniats.functions.pages;

import java.util.ArrayList;
import java.util.List;

/** One request being answered: the request, and the cookies its answer sets. Confined to one thread. */
record Exchange(PageRequest request, List<String> setCookies) {
    Exchange(PageRequest request) {
        this(request, new ArrayList<>());
    }

    /** The path segment {@code index} (0 is {@code candidate} or {@code apply}). */
    String segment(int index) {
        return request.path().get(index);
    }
}
