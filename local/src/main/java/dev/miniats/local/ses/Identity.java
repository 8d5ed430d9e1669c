package dev.miniats.local.ses;

/** A verified SES identity: an email address or a domain. Locally, verification is instant. */
record Identity(String name, Type type, String token, long createdAt) {
    /** SES v2's IdentityType names; SES v1 calls them {@code EmailAddress} and {@code Domain}. */
    public enum Type { EMAIL_ADDRESS, DOMAIN }
}
