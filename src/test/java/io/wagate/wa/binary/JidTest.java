package io.wagate.wa.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagate.wa.BaileysScript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jid.parse / toString against Baileys' jidDecode / jidEncode. */
class JidTest {
    @Test
    void parsesAndFormatsAsBaileys() {
        List<String> jids = List.of("491701234567@s.whatsapp.net", "491701234567:12@s.whatsapp.net", "123456789012345:3@lid",
                "120363025246125888@g.us", "status@broadcast", "120363144038483540@newsletter", "4915112345678:7@hosted",
                "2233:9@hosted.lid", "16505361212@c.us", "@s.whatsapp.net", "123:0@s.whatsapp.net", "123_1:2@s.whatsapp.net",
                "77_5@s.whatsapp.net", "5:300@s.whatsapp.net", "a:b:c@s.whatsapp.net", "no-at-sign");
        try (BaileysScript baileys = BaileysScript.start("binary.mjs")) {
            JsonNode decoded = baileys.call("jids", Map.of("jids", jids));
            for (int i = 0; i < jids.size(); i++) {
                Jid jid = Jid.parse(jids.get(i));
                JsonNode d = decoded.get(i);
                if (d.isNull()) {
                    assertThat(jid).isNull();
                    continue;
                }
                assertThat(jid.user()).as(jids.get(i)).isEqualTo(d.get("user").asText());
                assertThat(jid.server()).isEqualTo(d.get("server").asText());
                assertThat(jid.domainType()).isEqualTo(d.get("domainType").asInt());
                // JavaScript's NaN device is written to the wire as 0, which is what Jid keeps.
                JsonNode device = d.get("device");
                assertThat(jid.device()).isEqualTo(device.isNull() ? null : device.asText().equals("NaN") ? 0 : device.asInt());
                assertThat(Jid.of(jid.user(), jid.device() == null ? 0 : jid.device(), jid.server()).toString())
                        .isEqualTo(d.get("encoded").asText());
            }
        }
    }

    @Test
    void helpersNormaliseAndClassify() {
        assertThat(Jid.parse("16505361212:4@c.us").toUser().toString()).isEqualTo("16505361212@s.whatsapp.net");
        assertThat(Jid.parse("1:2@lid").isLid()).isTrue();
        assertThat(Jid.parse("1@g.us").isGroup()).isTrue();
        assertThat(Jid.serverOf(Jid.DOMAIN_HOSTED_LID)).isEqualTo(Jid.HOSTED_LID);
    }
}
