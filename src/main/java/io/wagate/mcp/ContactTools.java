package io.wagate.mcp;

import static io.wagate.mcp.InputSchema.integer;
import static io.wagate.mcp.InputSchema.string;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.wagate.contact.ContactBook;
import io.wagate.mcp.ToolCalls.Kind;
import java.util.List;

/** Tools about the people a session knows: the contacts routes of {@code /v1}. */
final class ContactTools {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    record SearchArgs(String session, String query, Integer limit) {}

    private final ContactBook contacts;
    private final ToolCalls calls;

    ContactTools(ContactBook contacts, ToolCalls calls) {
        this.contacts = contacts;
        this.calls = calls;
    }

    List<SyncToolSpecification> tools() {
        return List.of(calls.tool("search_contacts", "Finds the session's contacts whose saved name, push name "
                        + "(the name they gave themselves) or phone number contains the query, case-insensitively: "
                        + "id (use it as a chatId with the send tools), number, name, pushname, lid.",
                InputSchema.object().session()
                        .required("query", string("Part of a name or of a phone number, e.g. \"ann\" or \"4155\"."))
                        .optional("limit", integer("How many at most, 1 to 100 (default 20).", 1, MAX_LIMIT)),
                Kind.READ, SearchArgs.class,
                (principal, args) -> calls.json(contacts.search(principal, args.session(), args.query(),
                        ToolCalls.orDefault(args.limit(), DEFAULT_LIMIT)))));
    }
}
