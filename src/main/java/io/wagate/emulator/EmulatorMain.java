package io.wagate.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.concurrent.CountDownLatch;

/** {@code ./wagate emulator [--port N]}: runs the emulator until killed, printing where it listens as one JSON line. */
public final class EmulatorMain {
    private EmulatorMain() {}

    public static void main(String[] args) throws Exception {
        int port;
        try {
            port = port(args, System.getenv("WAGATE_EMULATOR_PORT"));
        } catch (IllegalArgumentException e) {
            System.err.println("wagate emulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        var emulator = Emulator.start(port);
        var line = new LinkedHashMap<String, Object>();
        line.put("wsUrl", emulator.wsUrl());
        line.put("controlUrl", emulator.controlUrl());
        line.put("trustRoot", emulator.trustRoot());
        line.put("mediaCa", emulator.mediaCa().toString());
        System.out.println(new ObjectMapper().writeValueAsString(line));
        System.out.flush();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            emulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    static int port(String[] args, String fromEnvironment) {
        String value = fromEnvironment;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "' (usage: wagate emulator [--port N])");
            }
        }
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port must be a number from 0 to 65535, not '" + value + "'");
        }
    }
}
