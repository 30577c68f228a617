package io.wagate.http.v1;

import static io.wagate.http.Auth.principal;
import static io.wagate.http.Query.intParam;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.wagate.contact.ContactBook;
import io.wagate.error.ApiException;
import io.wagate.http.RouteGroup;

/** A session's contacts: the list, one contact, its picture and about text; blocking and the block list. */
public final class ContactRoutes implements RouteGroup {
    private static final String CONTACTS = "/v1/sessions/{session}/contacts";
    private static final String CONTACT = CONTACTS + "/{contactId}";
    private static final int DEFAULT_PAGE = 100;

    private final ContactBook contacts;

    public ContactRoutes(ContactBook contacts) {
        this.contacts = contacts;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(CONTACTS, ctx -> ctx.json(contacts.list(principal(ctx), session(ctx), new ContactBook.ListQuery(
                intParam(ctx, "limit", DEFAULT_PAGE), intParam(ctx, "offset", 0), ctx.queryParam("sortBy"),
                ctx.queryParam("sortOrder")))));
        routes.get(CONTACT, ctx -> ctx.json(contacts.get(principal(ctx), session(ctx), contactId(ctx))));
        routes.get(CONTACT + "/picture", ContactRoutes.this::picture);
        routes.get(CONTACT + "/about", ctx -> ctx.json(contacts.about(principal(ctx), session(ctx), contactId(ctx))));
        routes.post(CONTACT + "/block", ctx -> ctx.json(contacts.setBlocked(principal(ctx), session(ctx),
                contactId(ctx), true)));
        routes.post(CONTACT + "/unblock", ctx -> ctx.json(contacts.setBlocked(principal(ctx), session(ctx),
                contactId(ctx), false)));
        routes.get("/v1/sessions/{session}/blocklist", ctx -> ctx.json(contacts.blocklist(principal(ctx), session(ctx))));
    }

    private void picture(Context ctx) {
        String format = ctx.queryParam("format");
        switch (format == null ? "url" : format) {
            case "url" -> ctx.json(contacts.pictureUrl(principal(ctx), session(ctx), contactId(ctx)));
            case "binary" -> {
                var picture = contacts.picture(principal(ctx), session(ctx), contactId(ctx));
                ctx.contentType(picture.mimetype()).result(picture.image());
            }
            default -> throw ApiException.badRequest("format must be url or binary");
        }
    }

    private static String contactId(Context ctx) {
        return ctx.pathParam("contactId");
    }

    private static String session(Context ctx) {
        return ctx.pathParam("session");
    }
}
