package dev.miniats.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Parses an iCalendar text with ical.js under Node.js, a parser independent of ical4j, and
 * answers what it read: {@code method}, {@code uid}, {@code sequence}, {@code status},
 * {@code dtstart} (UTC, ISO-8601) and {@code tzid}.
 */
public final class IcalJs {
    private static final String SCRIPT = """
            import ICAL from 'ical.js';
            import { readFileSync } from 'node:fs';
            const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, 'utf8')));
            for (const zone of calendar.getAllSubcomponents('vtimezone')) {
              ICAL.TimezoneService.register(zone);
            }
            const vevent = calendar.getFirstSubcomponent('vevent');
            const event = new ICAL.Event(vevent);
            process.stdout.write(JSON.stringify({
              method: calendar.getFirstPropertyValue('method'),
              uid: event.uid,
              sequence: event.sequence,
              status: vevent.getFirstPropertyValue('status'),
              dtstart: event.startDate.toJSDate().toISOString(),
              tzid: vevent.getFirstProperty('dtstart').getParameter('tzid') ?? null
            }));
            """;

    private IcalJs() {
    }

    public static JsonNode parse(String ics) throws IOException, InterruptedException {
        Path dir = NodeTools.installed();
        Path script = dir.resolve("parse-ics.mjs");
        Files.writeString(script, SCRIPT);
        Process node = new ProcessBuilder(List.of("node", script.toString())).directory(dir.toFile()).start();
        try (OutputStream in = node.getOutputStream()) {
            in.write(ics.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = node.getInputStream().readAllBytes();
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
            node.destroyForcibly();
            throw new IllegalStateException("ical.js could not parse the invite: " + err);
        }
        return new ObjectMapper().readTree(out);
    }
}
