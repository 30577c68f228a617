package io.wagate.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagate.http.docs.OpenApiContract;
import io.wagate.media.Fixtures;
import io.wagate.support.Api;
import io.wagate.support.RunningServer;
import io.wagate.support.Sessions;
import io.wagate.support.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A group's picture: set by members (admins only with info-admin-only), seen by every member, removed. */
class GroupPictureTest {
    @RegisterExtension
    static final RunningServer server = new RunningServer(TestServer::startWithoutAutoLink);
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String PICTURE = "/v1/sessions/{session}/groups/{id}/picture";

    static final String YARA = "15556650001";
    static final String ZED = "15556650002";
    static final String OUT = "15556650003";

    @BeforeAll
    static void link() {
        Sessions.linked(server.api(), "yara", YARA);
        Sessions.linked(server.api(), "zed", ZED);
        Sessions.linked(server.api(), "out", OUT);
    }

    private static Api api() {
        return server.api();
    }

    private static String group() {
        var group = api().post("/v1/sessions/yara/groups", Map.of("name", "Pictures",
                "participants", List.of(Map.of("id", ZED))));
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        return group.json().path("id").asText();
    }

    private static String path(String session, String groupId) {
        return PICTURE.replace("{session}", session).replace("{id}", groupId);
    }

    private static Api.Response put(String session, String groupId, Map<String, Object> body) {
        var response = api().put(path(session, groupId), body);
        CONTRACT.assertConforms("PUT", PICTURE, response);
        return response;
    }

    private static Api.Response put(String session, String groupId, byte[] image) {
        return put(session, groupId, Map.of("file", Map.of("data", Base64.getEncoder().encodeToString(image))));
    }

    private static Api.Response get(String session, String groupId, String query) {
        var response = api().get(path(session, groupId) + query);
        CONTRACT.assertConforms("GET", PICTURE, response);
        return response;
    }

    private static Api.Response delete(String session, String groupId) {
        var response = api().delete(path(session, groupId));
        CONTRACT.assertConforms("DELETE", PICTURE, response);
        return response;
    }

    private static BufferedImage jpeg(byte[] bytes) throws Exception {
        assertThat(bytes).startsWith(0xFF, 0xD8, 0xFF);
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void aPictureIsKeptAsAJpegEveryMemberSees() throws Exception {
        String groupId = group();
        assertBad(get("yara", groupId, ""), 404, "has no picture");

        var set = put("yara", groupId, Fixtures.png());
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        var base64 = get("zed", groupId, "");
        assertThat(base64.status()).as(base64.toString()).isEqualTo(200);
        assertThat(base64.json().path("mimetype").asText()).isEqualTo("image/jpeg");
        var picture = jpeg(Base64.getDecoder().decode(base64.json().path("data").asText()));
        assertThat(picture.getWidth()).isEqualTo(32);
        assertThat(picture.getHeight()).isEqualTo(24);
        var binary = get("yara", groupId.replace("@g.us", ""), "?format=binary");
        assertThat(binary.status()).isEqualTo(200);
        assertThat(binary.header("Content-Type")).startsWith("image/jpeg");
        jpeg(binary.bytes());

        // a large picture is scaled down to 640 pixels, proportions kept
        var big = new BufferedImage(1600, 800, BufferedImage.TYPE_INT_RGB);
        var png = new ByteArrayOutputStream();
        ImageIO.write(big, "png", png);
        assertThat(put("zed", groupId, png.toByteArray()).status()).isEqualTo(200);
        var scaled = jpeg(get("yara", groupId, "?format=binary").bytes());
        assertThat(scaled.getWidth()).isEqualTo(640);
        assertThat(scaled.getHeight()).isEqualTo(320);

        var removed = delete("zed", groupId);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertBad(get("yara", groupId, ""), 404, "has no picture");
        assertThat(delete("zed", groupId).status()).as("removing again").isEqualTo(200);
    }

    @Test
    void withInfoAdminOnlyOnlyAdminsChangeIt() {
        String groupId = group();
        var on = api().put("/v1/sessions/yara/groups/" + groupId + "/settings/security/info-admin-only",
                Map.of("adminsOnly", true));
        assertThat(on.status()).isEqualTo(200);
        assertBad(put("zed", groupId, Fixtures.jpeg()), 403, "only admins");
        assertBad(delete("zed", groupId), 403, "only admins");
        assertThat(put("yara", groupId, Fixtures.jpeg()).status()).isEqualTo(200);
        assertThat(get("zed", groupId, "").status()).isEqualTo(200);
    }

    @Test
    void badPictures() {
        String groupId = group();
        assertBad(put("yara", groupId, Map.of()), 400, "file is required");
        assertBad(put("yara", groupId, Map.of("file", Map.of("data", "!!!"))), 400, "base64");
        assertBad(put("yara", groupId, Fixtures.pdf()), 415, "application/pdf");
        assertBad(get("yara", groupId, "?format=svg"), 400, "format");
        assertBad(get("yara", "nope", ""), 400, "id");
        for (var response : List.of(get("out", groupId, ""), put("out", groupId, Fixtures.png()),
                delete("out", groupId))) {
            assertBad(response, 404, "not found");
        }
        assertBad(get("ghost", groupId, ""), 404, "ghost");
        Sessions.linked(api(), "asleep", "15556650004");
        api().post("/v1/sessions/asleep/stop", null);
        assertBad(get("asleep", groupId, ""), 409, "STOPPED");
        assertBad(put("asleep", groupId, Fixtures.png()), 409, "STOPPED");
        assertBad(delete("asleep", groupId), 409, "STOPPED");
    }

    private static void assertBad(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(mentioned);
    }
}
