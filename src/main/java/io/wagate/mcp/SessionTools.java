package io.wagate.mcp;

import static io.wagate.mcp.InputSchema.string;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.wagate.http.v1.SessionView;
import io.wagate.mcp.ToolCalls.Kind;
import io.wagate.session.QrImage;
import io.wagate.session.SessionLifecycle;
import io.wagate.session.SessionService;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Tools about the sessions themselves: which there are, their state, and linking one to a phone. */
final class SessionTools {
    record None() {}

    record SessionArgument(String session) {}

    record PairingArgs(String session, String phoneNumber) {}

    private final SessionService sessions;
    private final SessionLifecycle lifecycle;
    private final ToolCalls calls;

    SessionTools(SessionService sessions, SessionLifecycle lifecycle, ToolCalls calls) {
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.calls = calls;
    }

    List<SyncToolSpecification> tools() {
        return List.of(
                calls.tool("list_sessions", "Lists the WhatsApp sessions this API key can use, with each one's status "
                                + "(WORKING: linked and connected, SCAN_QR_CODE: waiting to be linked, STARTING, STOPPED, "
                                + "FAILED with a reason) and the linked account (me.id is its own chat id). Call this first "
                                + "to learn the session names the other tools take.",
                        InputSchema.object(), Kind.READ, None.class,
                        (principal, args) -> calls.json(sessions.list(principal).stream().map(SessionView::of).toList())),
                calls.tool("get_session", "One session: its status, failure reason if any, and linked account.",
                        InputSchema.object().session(), Kind.READ, SessionArgument.class,
                        (principal, args) -> calls.json(SessionView.of(sessions.get(principal, args.session())))),
                calls.tool("get_qr_code", "The QR code that links a session in SCAN_QR_CODE to a phone, as a PNG image "
                                + "(show it to the user: WhatsApp > Linked devices > Link a device) and as its raw text. "
                                + "It rotates about every 20 s; fetch it again if it expired. Fails with 409 when the "
                                + "session is not waiting for a scan.",
                        InputSchema.object().session(), Kind.READ, SessionArgument.class,
                        (principal, args) -> qr(lifecycle.qr(principal, args.session()))),
                calls.tool("request_pairing_code", "Links a session in SCAN_QR_CODE by phone number instead of a QR "
                                + "code: answers an 8-character code that the user types on the phone (WhatsApp > Linked "
                                + "devices > Link with phone number).",
                        InputSchema.object().session().required("phoneNumber",
                                string("The phone number of the WhatsApp account to link, digits with country code.")),
                        Kind.WRITE, PairingArgs.class,
                        (principal, args) -> calls.json(Map.of("code",
                                lifecycle.pairingCode(principal, args.session(), args.phoneNumber())))));
    }

    private static CallToolResult qr(String value) {
        String png = Base64.getEncoder().encodeToString(QrImage.png(value));
        return CallToolResult.builder()
                .addContent(McpSchema.ImageContent.builder(png, "image/png").build())
                .addContent(McpSchema.TextContent.builder(value).build())
                .build();
    }
}
