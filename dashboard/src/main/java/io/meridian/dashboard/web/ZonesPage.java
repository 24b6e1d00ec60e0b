package io.meridian.dashboard.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import io.meridian.resolver.control.ControlException;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.zone.ZoneException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Hosted zones in the dashboard: the list, create, delete (after a confirm step; Route 53 refuses
 * a zone that still holds record sets of its own), zone-file import into a new or existing zone,
 * and export. Everything goes through {@link ZoneService}, as the API does. The record sets of one
 * zone are {@link RecordSetsPage}'s.
 */
final class ZonesPage {
    private final DataPlane plane;
    private final ZoneService zones;

    ZonesPage(DataPlane plane) {
        this.plane = plane;
        this.zones = plane.zones();
    }

    /** Javalin tries routes in the order they are added: /ui/zones/import comes before /ui/zones/{id}. */
    void register(RoutesConfig routes) {
        routes.get("/ui/zones", ctx -> ctx.html(listPage(ctx, "", "", new FieldErrors())));
        routes.post("/ui/zones", this::create);
        routes.get("/ui/zones/import", ctx -> ctx.html(importPage(ctx, originOf(ctx.queryParam("zone")), "", new FieldErrors())));
        routes.post("/ui/zones/import", this::importZoneFile);
        routes.get("/ui/zones/{id}/export", refusable(this::export));
        routes.get("/ui/zones/{id}/delete", refusable(ctx -> confirmDelete(ctx, null)));
        routes.post("/ui/zones/{id}/delete", refusable(this::delete));
        new RecordSetsPage(plane).register(routes);
    }

    /** A step of a page that the control services may refuse. */
    interface Step {
        void handle(Context ctx) throws ControlException, ZoneException, IOException;
    }

    /**
     * The step as a handler: a refusal it does not show in a form of its own (a zone or record set
     * deleted meanwhile) becomes a page saying so, rather than a server error.
     */
    static Handler refusable(Step step) {
        return ctx -> {
            try {
                step.handle(ctx);
            } catch (ControlException e) {
                ctx.status(status(e)).html(Html.page("Refused", Dashboard.user(ctx), Dashboard.csrf(ctx), "<section><p class=error>"
                        + Html.escape(e.getMessage()) + "</p><p><a href=\"/ui/zones\">Back to the hosted zones</a></p></section>"));
            }
        };
    }

    /** The status a refusal goes out with: 404 for what does not exist, else 400 (the request must change). */
    static int status(ControlException e) {
        return e.code().startsWith("NoSuch") ? 404 : 400;
    }

    private String listPage(Context ctx, String name, String comment, FieldErrors errors) {
        StringBuilder b = new StringBuilder("<section><div class=title-row><h2>Hosted zones</h2>"
                + "<a class=button href=\"/ui/zones/import\">Import a zone file</a></div>"
                + "<table><thead><tr><th>Zone</th><th>Id</th><th class=num>Record sets</th><th>Comment</th><th></th></tr></thead><tbody>");
        List<ZoneService.ZoneSummary> all = zones.list().stream()
                .sorted(java.util.Comparator.comparing((ZoneService.ZoneSummary z) -> z.origin())).toList();
        for (ZoneService.ZoneSummary z : all) {
            String path = "/ui/zones/" + Html.escape(z.id());
            b.append("<tr><td><a href=\"").append(path).append("\">").append(Html.escape(z.origin())).append("</a></td><td class=muted>")
                    .append(Html.escape(z.id())).append("</td><td class=num>").append(z.rrsets()).append("</td><td>")
                    .append(Html.escape(z.comment())).append("</td><td class=actions><a href=\"").append(path)
                    .append("/export\">Export</a><a class=danger href=\"").append(path).append("/delete\">Delete</a></td></tr>");
        }
        if (all.isEmpty()) {
            b.append("<tr><td colspan=5 class=muted>No hosted zones yet: create one below, or import a zone file.</td></tr>");
        }
        b.append("</tbody></table></section><section><h2>Create a hosted zone</h2>")
                .append("<form class=inline method=post action=\"/ui/zones\">").append(csrfField(ctx)).append(errors.above())
                .append(errors.field("name", "Domain name", "<input name=name id=f-name required placeholder=\"example.com\" value=\""
                        + Html.escape(name) + "\">"))
                .append(errors.field("comment", "Comment (optional)", "<input name=comment id=f-comment size=40 value=\""
                        + Html.escape(comment) + "\">"))
                .append("<button>Create hosted zone</button></form><p class=muted>New zones are delegated to ")
                .append(Html.escape(String.join(" and ", plane.nameServers())))
                .append(" (nameServers in meridian.yaml), with Route 53's default SOA and NS records.</p></section>");
        return Html.page("Zones", Dashboard.user(ctx), Dashboard.csrf(ctx), b.toString());
    }

    /** CreateHostedZone with a caller reference of its own: a browser has none to give. */
    private void create(Context ctx) {
        String name = orBlank(ctx.formParam("name"));
        String comment = orBlank(ctx.formParam("comment"));
        FieldErrors errors = new FieldErrors();
        try {
            ZoneService.ZoneSummary z = zones.createHostedZone(name.trim(), "meridian-dashboard-" + UUID.randomUUID(),
                    comment.isBlank() ? null : comment, plane.nameServers());
            ctx.redirect("/ui/zones/" + z.id(), HttpStatus.SEE_OTHER);
            return;
        } catch (ControlException e) {
            if (e.code().equals("InvalidDomainName") || e.code().equals("ConflictingDomainExists")) {
                errors.add("name", e.getMessage());
            } else if (e.getMessage().contains("comment")) {
                errors.add("comment", e.getMessage());
            } else {
                errors.add(e);
            }
            ctx.status(status(e));
        } catch (ZoneException e) {
            errors.addGeneral(e.getMessage());
            ctx.status(400);
        }
        ctx.html(listPage(ctx, name, comment, errors));
    }

    private void confirmDelete(Context ctx, String refusal) throws ControlException {
        ZoneService.ZoneSummary z = zones.requireZone(ctx.pathParam("id"));
        String body = "<section class=confirm><h2>Delete the hosted zone " + Html.escape(z.origin()) + "?</h2>"
                + (refusal == null ? "" : "<p class=error>" + Html.escape(refusal) + "</p>")
                + "<p>The zone " + Html.escape(z.id()) + " holds " + z.rrsets() + " record sets. As in Route 53, only a zone"
                + " holding nothing but its SOA and NS records can be deleted; delete its other record sets first.</p>"
                + "<form method=post action=\"/ui/zones/" + Html.escape(z.id()) + "/delete\" class=buttons>" + csrfField(ctx)
                + "<button class=danger>Delete hosted zone</button><a href=\"/ui/zones/" + Html.escape(z.id()) + "\">Cancel</a>"
                + "</form></section>";
        ctx.html(Html.page("Delete " + z.origin(), Dashboard.user(ctx), Dashboard.csrf(ctx), body));
    }

    /** DeleteHostedZone; a refusal (HostedZoneNotEmpty) shows on the confirm page. */
    private void delete(Context ctx) throws ControlException, ZoneException {
        ZoneService.ZoneSummary z = zones.requireZone(ctx.pathParam("id"));
        try {
            zones.deleteHostedZone(z.id());
            ctx.redirect("/ui/zones", HttpStatus.SEE_OTHER);
        } catch (ControlException e) {
            ctx.status(status(e));
            confirmDelete(ctx, e.getMessage());
        }
    }

    private void export(Context ctx) throws ControlException, ZoneException {
        ZoneService.ZoneSummary z = zones.requireZone(ctx.pathParam("id"));
        String text = zones.export(z.origin()).orElseThrow(() -> new ControlException("NoSuchHostedZone",
                "The hosted zone " + z.id() + " was deleted meanwhile"));
        // The origin is a DNS name in presentation form: keep the file name to characters every browser saves as is.
        String file = z.origin().replaceAll("\\.$", "").replaceAll("[^A-Za-z0-9._-]", "_") + ".zone";
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.contentType("text/plain; charset=utf-8").result(text);
    }

    private String importPage(Context ctx, String origin, String text, FieldErrors errors) {
        StringBuilder zonesList = new StringBuilder("<datalist id=zone-names>");
        zones.list().forEach(z -> zonesList.append("<option value=\"").append(Html.escape(z.origin())).append("\">"));
        String body = "<section><h2>Import a zone file</h2><p class=muted>The file's records replace the zone's records, all"
                + " or nothing; record sets with a routing policy made through the API or this dashboard stay. A zone not"
                + " hosted yet is created. $INCLUDE is not read from an upload.</p>"
                + "<form method=post action=\"/ui/zones/import\" enctype=multipart/form-data class=stacked>" + csrfField(ctx)
                + errors.above()
                + errors.field("origin", "Zone (blank: the name of the file's SOA)", "<input name=origin id=f-origin size=40 list=zone-names"
                        + " placeholder=\"example.com.\" value=\"" + Html.escape(origin) + "\">" + zonesList + "</datalist>")
                + errors.field("file", "Zone file", "<input type=file name=file id=f-file>")
                + errors.field("zonefile", "or paste it here", "<textarea name=zonefile id=f-zonefile rows=14 cols=80 spellcheck=false"
                        + " placeholder=\"$ORIGIN example.com.&#10;www 300 IN A 192.0.2.1\">" + Html.escape(text) + "</textarea>")
                + "<div class=buttons><button>Import</button><a href=\"/ui/zones\">Cancel</a></div></form></section>";
        return Html.page("Import a zone file", Dashboard.user(ctx), Dashboard.csrf(ctx), body);
    }

    /** An uploaded file or pasted text, into the zone named (or the one its SOA names). */
    private void importZoneFile(Context ctx) throws IOException {
        String origin = orBlank(ctx.formParam("origin")).trim();
        String pasted = orBlank(ctx.formParam("zonefile"));
        UploadedFile upload = ctx.uploadedFile("file");
        boolean uploaded = upload != null && upload.size() > 0;
        String text = pasted;
        if (uploaded) {
            try (InputStream in = upload.content()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        FieldErrors errors = new FieldErrors();
        if (text.isBlank()) {
            errors.add("file", "Choose a zone file, or paste one below");
        } else {
            try {
                ZoneService.ZoneSummary z = zones.importText(text, uploaded ? upload.filename() : "pasted zone file",
                        origin.isEmpty() ? null : origin);
                ctx.redirect("/ui/zones/" + z.id() + "?imported", HttpStatus.SEE_OTHER);
                return;
            } catch (ZoneException e) {
                errors.add(uploaded ? "file" : "zonefile", e.getMessage());
            }
        }
        ctx.status(400).html(importPage(ctx, origin, pasted, errors));
    }

    /** The zone a link names by Id, as the import form's default; blank when none. */
    private String originOf(String id) {
        return id == null ? "" : zones.hostedZone(id).map(ZoneService.ZoneSummary::origin).orElse("");
    }

    static String csrfField(Context ctx) {
        return RecordSetForm.hidden("csrf", Dashboard.csrf(ctx));
    }

    private static String orBlank(String s) {
        return s == null ? "" : s;
    }
}
