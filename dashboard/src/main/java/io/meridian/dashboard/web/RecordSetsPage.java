package io.meridian.dashboard.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.meridian.resolver.control.ControlException;
import io.meridian.resolver.control.RecordSetChange;
import io.meridian.resolver.control.RecordSetRules;
import io.meridian.resolver.control.ResourceRecordSet;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.zone.ZoneException;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One hosted zone's page: its record sets (filtered as the operator types, a page at a time),
 * and the forms that create, edit and delete them. Every change is a ChangeResourceRecordSets
 * batch through {@link ZoneService}, as the API sends it: CREATE for a new set, UPSERT for an edit
 * that keeps the set's name, type and SetIdentifier, DELETE and CREATE in one batch when the edit
 * changes them (so the old set never lingers beside the new one).
 */
final class RecordSetsPage {
    private final DataPlane plane;
    private final ZoneService zones;

    RecordSetsPage(DataPlane plane) {
        this.plane = plane;
        this.zones = plane.zones();
    }

    void register(RoutesConfig routes) {
        routes.get("/ui/zones/{id}", ZonesPage.refusable(this::zonePage));
        routes.get("/ui/zones/{id}/rrset", ZonesPage.refusable(this::formPage));
        routes.post("/ui/zones/{id}/rrset/form", ZonesPage.refusable(this::rerender));
        routes.post("/ui/zones/{id}/rrset", ZonesPage.refusable(this::save));
        routes.get("/ui/zones/{id}/rrset/delete", ZonesPage.refusable(ctx -> confirmDelete(ctx, null)));
        routes.post("/ui/zones/{id}/rrset/delete", ZonesPage.refusable(this::delete));
    }

    /** The zone and its record sets; an htmx request for #rrsets (filter, page) gets the table alone. */
    private void zonePage(Context ctx) throws ControlException, ZoneException {
        ZoneService.ZoneSummary z = zones.requireZone(ctx.pathParam("id"));
        String name = orBlank(ctx.queryParam("name"));
        String type = orBlank(ctx.queryParam("type"));
        String pageParam = orBlank(ctx.queryParam("page"));
        int page = pageParam.matches("\\d{1,6}") ? Integer.parseInt(pageParam) : 1;
        String table = new RecordSetTable(z.id(), z.origin(), name, type).html(zones.recordSets(z.id()), page);
        if ("rrsets".equals(ctx.header("HX-Target"))) {
            ctx.html(table);
            return;
        }
        String path = "/ui/zones/" + Html.escape(z.id());
        StringBuilder types = new StringBuilder("<option value=\"\">All types</option>");
        new TreeSet<>(RecordSetRules.TYPES).forEach(t -> types.append("<option").append(t.equals(type) ? " selected" : "").append('>')
                .append(t).append("</option>"));
        String body = zoneHeader(z) + notice(ctx, z)
                + "<section><div class=title-row><h2>Record sets</h2><a class=button href=\"" + path + "/rrset\">Create record set</a>"
                + "</div><form class=\"inline filter\" method=get action=\"" + path + "\" hx-get=\"" + path + "\" hx-target=\"#rrsets\""
                + " hx-swap=outerHTML hx-push-url=true hx-trigger=\"input changed delay:250ms from:input, change from:select, submit\">"
                + "<label for=filter-name>Name contains<input type=search name=name id=filter-name value=\"" + Html.escape(name)
                + "\" placeholder=\"www\" autocomplete=off></label><label for=filter-type>Type<select name=type id=filter-type>"
                + types + "</select></label></form>" + table + "</section>";
        ctx.html(Html.page(z.origin(), Dashboard.user(ctx), Dashboard.csrf(ctx), body));
    }

    private static String zoneHeader(ZoneService.ZoneSummary z) {
        String path = "/ui/zones/" + Html.escape(z.id());
        return "<section><div class=title-row><h2><a href=\"/ui/zones\" class=muted>Zones</a> / " + Html.escape(z.origin())
                + "</h2><span class=actions><a href=\"/ui/zones/import?zone=" + Html.escape(z.id()) + "\">Import zone file</a>"
                + "<a href=\"" + path + "/export\">Export zone file</a><a class=danger href=\"" + path + "/delete\">Delete zone</a>"
                + "</span></div><p class=\"muted facts\">Id " + Html.escape(z.id()) + " · " + z.rrsets() + " record sets · serial " + z.serial()
                + (z.comment().isEmpty() ? "" : " · " + Html.escape(z.comment())) + "</p></section>";
    }

    /** What the last step did, when the page was reached by a redirect after it. */
    private String notice(Context ctx, ZoneService.ZoneSummary z) {
        String changed = ctx.queryParam("changed");
        if (changed != null) {
            try {
                return "<p class=notice>Change " + Html.escape(zones.change(changed).id()) + " applied: the appliance answers"
                        + " with it now.</p>";
            } catch (ControlException e) {
                // NoSuchChange: only a change the store recorded is announced, not an Id typed into the address bar.
                return "";
            }
        }
        return ctx.queryParam("imported") != null ? "<p class=notice>Zone file imported: " + z.records() + " records.</p>" : "";
    }

    /** A new record set's form, or (with name, type and set) an existing one's. */
    private void formPage(Context ctx) throws ControlException, ZoneException {
        ZoneService.ZoneSummary z = zones.requireZone(ctx.pathParam("id"));
        RecordSetForm form = ctx.queryParam("name") == null ? RecordSetForm.blank(z.id())
                : RecordSetForm.of(require(z, ctx.queryParam("name"), ctx.queryParam("type"), ctx.queryParam("set")), z.origin());
        ctx.html(formPage(ctx, z, form, new FieldErrors()));
    }

    private String formPage(Context ctx, ZoneService.ZoneSummary z, RecordSetForm form, FieldErrors errors) {
        String title = form.editing() ? "Edit " + RecordSetForm.shown(form.get("origName")) + " " + form.get("origType")
                + (form.get("origSet").isEmpty() ? "" : " (" + form.get("origSet") + ")") : "Create a record set";
        return Html.page(title, Dashboard.user(ctx), Dashboard.csrf(ctx), zoneHeader(z) + "<section><h2>" + Html.escape(title)
                + "</h2>" + form.html(z.id(), z.origin(), choices(), errors, Dashboard.csrf(ctx)) + "</section>");
    }

    /** The form again with what was typed, after the policy or the answer's kind changed: nothing is saved. */
    private void rerender(Context ctx) throws ControlException {
        ZoneService.ZoneSummary z = zones.requireZone(ctx.pathParam("id"));
        ctx.html(RecordSetForm.from(ctx).html(z.id(), z.origin(), choices(), new FieldErrors(), Dashboard.csrf(ctx)));
    }

    private void save(Context ctx) throws ControlException, ZoneException {
        ZoneService.ZoneSummary z = zones.requireZone(ctx.pathParam("id"));
        RecordSetForm form = RecordSetForm.from(ctx);
        FieldErrors errors = new FieldErrors();
        ResourceRecordSet wanted = form.toRecordSet(z.origin(), errors);
        if (wanted != null) {
            try {
                ZoneService.ChangeInfo change = zones.changeRecordSets(z.id(), changes(z, form, wanted), Instant.now());
                ctx.redirect("/ui/zones/" + z.id() + "?changed=" + change.id(), HttpStatus.SEE_OTHER);
                return;
            } catch (ControlException e) {
                errors.add(e);
            }
        }
        ctx.status(400).html(formPage(ctx, z, form, errors));
    }

    private List<RecordSetChange> changes(ZoneService.ZoneSummary z, RecordSetForm form, ResourceRecordSet wanted)
            throws ControlException, ZoneException {
        if (!form.editing()) {
            return List.of(new RecordSetChange("CREATE", wanted));
        }
        ResourceRecordSet current = require(z, form.get("origName"), form.get("origType"), form.get("origSet"));
        boolean sameKey = RecordSetForm.shown(current.name()).equalsIgnoreCase(RecordSetForm.shown(canonical(wanted.name())))
                && current.type().equals(wanted.type()) && Objects.equals(current.setIdentifier(), wanted.setIdentifier());
        return sameKey ? List.of(new RecordSetChange("UPSERT", wanted))
                : List.of(new RecordSetChange("DELETE", current), new RecordSetChange("CREATE", wanted));
    }

    private void confirmDelete(Context ctx, String refusal) throws ControlException, ZoneException {
        ZoneService.ZoneSummary z = zones.requireZone(ctx.pathParam("id"));
        ResourceRecordSet s = require(z, param(ctx, "name"), param(ctx, "type"), param(ctx, "set"));
        String body = zoneHeader(z) + "<section class=confirm><h2>Delete the record set " + Html.escape(RecordSetForm.shown(s.name()))
                + " " + Html.escape(s.type()) + (s.setIdentifier() == null ? "" : " (" + Html.escape(s.setIdentifier()) + ")") + "?</h2>"
                + (refusal == null ? "" : "<p class=error>" + Html.escape(refusal) + "</p>")
                + new RecordSetTable(z.id(), z.origin(), "", "").single(s)
                + "<form method=post action=\"/ui/zones/" + Html.escape(z.id()) + "/rrset/delete\" class=buttons>"
                + ZonesPage.csrfField(ctx) + RecordSetForm.hidden("name", s.name()) + RecordSetForm.hidden("type", s.type())
                + (s.setIdentifier() == null ? "" : RecordSetForm.hidden("set", s.setIdentifier()))
                + "<button class=danger>Delete record set</button><a href=\"/ui/zones/" + Html.escape(z.id()) + "\">Cancel</a></form>"
                + "</section>";
        ctx.html(Html.page("Delete a record set", Dashboard.user(ctx), Dashboard.csrf(ctx), body));
    }

    /** DELETE with the set as it is stored now: Route 53 deletes only a set whose every member matches. */
    private void delete(Context ctx) throws ControlException, ZoneException {
        ZoneService.ZoneSummary z = zones.requireZone(ctx.pathParam("id"));
        ResourceRecordSet s = require(z, param(ctx, "name"), param(ctx, "type"), param(ctx, "set"));
        try {
            ZoneService.ChangeInfo change = zones.changeRecordSets(z.id(), List.of(new RecordSetChange("DELETE", s)), Instant.now());
            ctx.redirect("/ui/zones/" + z.id() + "?changed=" + change.id(), HttpStatus.SEE_OTHER);
        } catch (ControlException e) {
            ctx.status(ZonesPage.status(e));
            confirmDelete(ctx, String.join(" ", e.reasons().isEmpty() ? List.of(e.getMessage()) : e.reasons()));
        }
    }

    /** The set stored under this name, type and SetIdentifier (blank for none), or NoSuchRecordSet. */
    private ResourceRecordSet require(ZoneService.ZoneSummary z, String name, String type, String set)
            throws ControlException, ZoneException {
        String identifier = set == null || set.isEmpty() ? null : set;
        return zones.recordSets(z.id()).stream()
                .filter(s -> s.name().equalsIgnoreCase(orBlank(name)) && s.type().equals(type) && Objects.equals(s.setIdentifier(), identifier))
                .findFirst().orElseThrow(() -> new ControlException("NoSuchRecordSet", "The zone " + z.origin() + " has no record set "
                        + name + " " + type + (identifier == null ? "" : " (" + identifier + ")")
                        + " any more; it was changed or deleted meanwhile"));
    }

    private RecordSetForm.Choices choices() {
        return new RecordSetForm.Choices(zones.list(), plane.healthChecks().list(), plane.cidrCollections().list());
    }

    /** A name as Route 53 lists it: lower case, with a trailing dot. */
    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    /** A key member from the query string (the confirm page) or the form (the delete itself). */
    private static String param(Context ctx, String name) {
        return ctx.queryParam(name) != null ? ctx.queryParam(name) : ctx.formParam(name);
    }

    private static String orBlank(String s) {
        return s == null ? "" : s;
    }
}
