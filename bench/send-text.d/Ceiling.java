import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.Map;

/**
 * The ceiling for bench/send-text: a bare Javalin endpoint on virtual threads that parses the
 * same sendText JSON and answers 201 with a small JSON body, with no auth, store or engine.
 * Run as a single-file program: java -cp 'target/lib/*' bench/send-text.d/Ceiling.java PORT
 */
public class Ceiling {
    record SendText(String session, String chatId, String text) {}

    public static void main(String[] args) {
        var mapper = new ObjectMapper();
        Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, true));
            config.routes.post("/v1/sendText", ctx -> {
                var body = ctx.bodyAsClass(SendText.class);
                ctx.status(201).json(Map.of("id", "true_" + body.chatId() + "_3EB0", "body", body.text()));
            });
        }).start(Integer.parseInt(args[0]));
    }
}
