package dev.miniats.local.iam;

import dev.miniats.local.aws.QueryParams;
import dev.miniats.local.aws.QueryXml;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * IAM's answer shapes (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html,
 * API_Policy.html): dates in ISO 8601, policy documents URL-encoded as IAM returns them (the CLI
 * and SDKs decode them), lists as {@code member} elements with {@code IsTruncated}/{@code Marker}.
 */
final class IamXml {
    private IamXml() {
    }

    /** The role inside {@code <element>} ({@code Role}, or {@code member} in a list). */
    static void role(QueryXml x, String element, Role r) {
        x.start(element).element("Path", r.path()).element("RoleName", r.name()).element("RoleId", r.id()).element("Arn", r.arn())
                .element("CreateDate", date(r.createdAt()))
                .element("AssumeRolePolicyDocument", encoded(r.trustPolicy())).element("Description", r.description()).element("MaxSessionDuration", r.maxSessionDuration());
        x.start("RoleLastUsed").end().end();
    }

    static void policy(QueryXml x, String element, ManagedPolicy p, int attachments) {
        x.start(element).element("PolicyName", p.name()).element("PolicyId", p.id()).element("Arn", p.arn()).element("Path", p.path())
                .element("DefaultVersionId", p.versionId()).element("AttachmentCount", attachments)
                .element("PermissionsBoundaryUsageCount", 0).element("IsAttachable", true).element("Description", p.description())
                .element("CreateDate", date(p.createdAt())).element("UpdateDate", date(p.updatedAt())).end();
    }

    static void version(QueryXml x, ManagedPolicy p) {
        x.start("PolicyVersion").element("Document", encoded(p.document())).element("VersionId", p.versionId())
                .element("IsDefaultVersion", true).element("CreateDate", date(p.updatedAt())).end();
    }

    /** URL-encoding as IAM applies it to documents: RFC 3986 percent-encoding, a space is %20 (never +). */
    static String encoded(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String date(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Writes one page of {@code all} inside {@code <listElement>} ({@code member} writes each item's
     * {@code <member>}) and the paging elements.
     * {@code MaxItems} 1 to 1000 (default 100); {@code Marker} is the opaque position of the next page.
     */
    static <T> void page(QueryXml x, QueryParams p, String listElement, List<T> all, Consumer<T> member) {
        int max = Validation.number(p, "MaxItems", 100, 1, 1000);
        int start = 0;
        String marker = p.optional("Marker");
        if (marker != null) {
            try {
                start = Integer.parseInt(new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw IamException.invalidInput("Marker '" + marker + "' is not one this API returned; pass the Marker of the previous page");
            }
        }
        int from = Math.min(Math.max(start, 0), all.size());
        int to = Math.min(from + max, all.size());
        x.start(listElement);
        all.subList(from, to).forEach(member);
        x.end().element("IsTruncated", to < all.size());
        if (to < all.size()) {
            x.element("Marker", Base64.getEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
