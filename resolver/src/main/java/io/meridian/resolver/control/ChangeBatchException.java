package io.meridian.resolver.control;

import java.util.List;

/** A change batch refused whole, with every reason (Route 53's InvalidChangeBatch). */
public final class ChangeBatchException extends Exception {
    private final List<String> messages;

    public ChangeBatchException(List<String> messages) {
        super(String.join("; ", messages));
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
