package dev.miniats.core.mail;

/** Thrown when an email template is in neither the override directory nor the built-in set. Permanent. */
public final class TemplateNotFoundException extends RuntimeException {
    public TemplateNotFoundException(String name) {
        super("Email template '" + name + "' was not found in the template directory nor built in");
    }
}
