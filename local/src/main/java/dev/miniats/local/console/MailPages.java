package dev.miniats.local.console;

import dev.miniats.local.ats.ActivityReadModel;
import dev.miniats.local.mail.MailStore;
import dev.miniats.local.mail.StoredMail;
import io.javalin.http.Context;
import jakarta.mail.MessagingException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mailbox: every message the local SES accepted. A message's HTML is shown in a sandboxed
 * iframe (no scripts, no same-origin access), its attachments are served as downloads only.
 */
final class MailPages {
    static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final ActivityReadModel activity;
    private final MailStore mails;

    MailPages(Pages pages, ActivityReadModel activity, MailStore mails) {
        this.pages = pages;
        this.activity = activity;
        this.mails = mails;
    }

    void list(Context ctx) {
        Map<String, Object> model = pages.model("mail", "Mailbox");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ActivityReadModel.MailRow m : activity.mails(null, Pages.number(ctx, "before", Long.MAX_VALUE), PAGE_SIZE)) {
            rows.add(rowModel(m));
        }
        model.put("mails", rows);
        model.put("empty", rows.isEmpty());
        pages.send(ctx, "mailbox", model);
    }

    void show(Context ctx) {
        StoredMail mail = mails.get(ctx.pathParam("id")).orElseThrow(() -> new Console.NotFound("No mail with id " + ctx.pathParam("id")));
        MailView view = MailView.of(mail);
        Map<String, Object> model = pages.model("mail", mail.subject() == null ? "(no subject)" : mail.subject());
        model.put("m", view);
        model.put("to", String.join(", ", mail.destinations()));
        model.put("created", Pages.time(mail.createdAt()));
        model.put("delivered", mail.deliveredAt() == null ? null : Pages.time(mail.deliveredAt()));
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (MailView.Attachment a : view.attachments()) {
            attachments.add(Map.of("a", a, "href", "/console/mail/" + PipelinePages.encode(mail.id()) + "/parts/" + a.index()));
        }
        model.put("attachments", attachments);
        model.put("hasAttachments", !attachments.isEmpty());
        pages.send(ctx, "mail", model);
    }

    /** One MIME part as a download: never rendered by the browser, whatever its type claims. */
    void part(Context ctx) throws MessagingException, IOException {
        StoredMail mail = mails.get(ctx.pathParam("id")).orElseThrow(() -> new Console.NotFound("No mail with id " + ctx.pathParam("id")));
        int index;
        try {
            index = Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw new Console.NotFound("No part " + ctx.pathParam("index"));
        }
        MailView.PartBytes part = MailView.part(mail, index);
        if (part == null) {
            throw new Console.NotFound("No part " + index + " in mail " + mail.id());
        }
        String name = (part.filename() == null ? "part-" + index : part.filename()).replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("Content-Security-Policy", "sandbox");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("application/octet-stream");
        ctx.result(part.bytes());
    }

    static Map<String, Object> rowModel(ActivityReadModel.MailRow m) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", m.id());
        row.put("href", "/console/mail/" + PipelinePages.encode(m.id()));
        row.put("subject", m.subject() == null ? "(no subject)" : m.subject());
        row.put("from", m.source());
        row.put("to", String.join(", ", m.destinations()));
        row.put("status", m.status());
        row.put("error", m.lastError());
        row.put("time", Pages.time(m.createdAt()));
        return row;
    }
}
