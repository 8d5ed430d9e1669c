package dev.miniats.core.mail;

import dev.miniats.core.PermanentFailure;

/** Thrown when an email template is in neither the override directory nor the built-in set. Permanent. */
public final class TemplateNotFoundException extends RuntimeException implements PermanentFailure {
    public TemplateNotFoundException(String name) {
        super("Email template '" + name + "' was not found in the template directory nor built in");
    }
}
