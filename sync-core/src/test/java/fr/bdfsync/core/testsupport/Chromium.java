package fr.bdfsync.core.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven through the Chrome DevTools Protocol with the JDK's own HTTP and WebSocket
 * clients (no Selenium, no extra dependency): starts {@code /usr/bin/chromium} with a fresh profile and
 * {@code --remote-debugging-port=0}, reads the port it chose, attaches to its page and sends commands.
 * Tests call {@link #launch} and are skipped when Chromium is not installed (CI installs the Debian
 * {@code chromium} package).
 */
public final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The Chromium binary, if installed. */
    public static Optional<Path> binary() {
        for (String p : new String[]{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(p))) return Optional.of(Path.of(p));
        }
        return Optional.empty();
    }

    /** Starts headless Chromium with a window of the given size; skips the calling test when it is absent. */
    public static Chromium launch(int width, int height) throws Exception {
        Optional<Path> bin = binary();
        Assumptions.assumeTrue(bin.isPresent(), "Chromium not installed (Debian package chromium)");
        Path profile = Files.createTempDirectory("bdfsync-chromium-");
        List<String> cmd = List.of(bin.get().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--window-size=" + width + "," + height, "--hide-scrollbars", "about:blank");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String browserWs = null;
        StringBuilder log = new StringBuilder();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (browserWs == null && System.nanoTime() < deadline) {
            String line = r.readLine();
            if (line == null) break;
            log.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) browserWs = m.group(1);
        }
        if (browserWs == null) {
            p.destroyForcibly();
            throw new IOException("Chromium did not start:\n" + log);
        }
        // keep draining its output so it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "chromium-output");
        drain.setDaemon(true);
        drain.start();
        URI ws = URI.create(browserWs);
        HttpClient http = HttpClient.newHttpClient();
        String pageWs = null;
        for (int attempt = 0; attempt < 50 && pageWs == null; attempt++) {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://" + ws.getHost() + ":" + ws.getPort() + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : JSON.readTree(list.body())) {
                if ("page".equals(t.path("type").asText())) {
                    pageWs = t.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (pageWs == null) Thread.sleep(100);
        }
        if (pageWs == null) {
            p.destroyForcibly();
            throw new IOException("Chromium has no page target");
        }
        Chromium[] self = new Chromium[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    String text = message.toString();
                    message.setLength(0);
                    while (self[0] == null) Thread.onSpinWait();
                    self[0].receive(text);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        Chromium c = new Chromium(p, profile, socket);
        self[0] = c;
        c.send("Page.enable", null);
        c.send("Runtime.enable", null);
        return c;
    }

    private void receive(String text) {
        try {
            JsonNode msg = JSON.readTree(text);
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                if (f != null) f.complete(msg);
            } else {
                events.add(msg);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a DevTools command and waits for its result (fails on a protocol error). */
    public JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", params == null ? JSON.createObjectNode() : params);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = f.get(120, TimeUnit.SECONDS);
        if (reply.has("error")) throw new IllegalStateException(method + ": " + reply.get("error"));
        return reply.path("result");
    }

    public ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Opens a URL and waits for its load event. */
    public void navigate(URI url) throws Exception {
        events.clear();
        send("Page.navigate", params().put("url", url.toString()));
        waitForEvent("Page.loadEventFired", 120);
    }

    public JsonNode waitForEvent(String method, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events) if (method.equals(e.path("method").asText())) return e;
            Thread.sleep(20);
        }
        throw new IllegalStateException("no " + method + " within " + seconds + " s");
    }

    /** Evaluates a JavaScript expression (awaiting a promise) and returns its value as JSON. */
    public JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", params().put("expression", expression).put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) throw new IllegalStateException("JavaScript error: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** A real mouse click (pressed and released) at page coordinates. */
    public void click(double x, double y) throws Exception {
        send("Input.dispatchMouseEvent", params().put("type", "mouseMoved").put("x", x).put("y", y));
        send("Input.dispatchMouseEvent", params().put("type", "mousePressed").put("x", x).put("y", y).put("button", "left").put("buttons", 1).put("clickCount", 1));
        send("Input.dispatchMouseEvent", params().put("type", "mouseReleased").put("x", x).put("y", y).put("button", "left").put("buttons", 0).put("clickCount", 1));
    }

    /** A mouse wheel turn at page coordinates (positive deltaY scrolls down: the map zooms out). */
    public void wheel(double x, double y, double deltaY) throws Exception {
        send("Input.dispatchMouseEvent", params().put("type", "mouseWheel").put("x", x).put("y", y).put("deltaX", 0).put("deltaY", deltaY));
    }

    /** Presses the left button at (x0, y0), moves in steps to (x1, y1), releases. */
    public void drag(double x0, double y0, double x1, double y1) throws Exception {
        send("Input.dispatchMouseEvent", params().put("type", "mouseMoved").put("x", x0).put("y", y0));
        send("Input.dispatchMouseEvent", params().put("type", "mousePressed").put("x", x0).put("y", y0).put("button", "left").put("buttons", 1).put("clickCount", 1));
        for (int i = 1; i <= 5; i++) {
            double x = x0 + (x1 - x0) * i / 5, y = y0 + (y1 - y0) * i / 5;
            send("Input.dispatchMouseEvent", params().put("type", "mouseMoved").put("x", x).put("y", y).put("button", "left").put("buttons", 1));
        }
        send("Input.dispatchMouseEvent", params().put("type", "mouseReleased").put("x", x1).put("y", y1).put("button", "left").put("buttons", 0).put("clickCount", 1));
    }

    /** Clicks the centre of the first element matching a CSS selector. */
    public void clickSelector(String css) throws Exception {
        JsonNode r = eval("(() => { const e = document.querySelector(" + JSON.writeValueAsString(css) + "); if (!e) return null;"
                + " e.scrollIntoView({block: 'center'}); const b = e.getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2]; })()");
        if (r.isNull()) throw new IllegalStateException("no element " + css);
        click(r.get(0).asDouble(), r.get(1).asDouble());
    }

    /** Lets downloads go into {@code dir} (the browser default would ask). */
    public void allowDownloads(Path dir) throws Exception {
        send("Browser.setDownloadBehavior", params().put("behavior", "allow").put("downloadPath", dir.toString()).put("eventsEnabled", true));
    }

    /** A PNG of the page as shown. */
    public byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(send("Page.captureScreenshot", params().put("format", "png")).path("data").asText());
    }

    public List<JsonNode> events() {
        return new ArrayList<>(events);
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the process goes anyway
        }
        // the renderer, GPU and crash-handler processes can outlive the browser's main process and keep writing
        // (and deleting) files in the profile: stop them too, then delete the profile without failing on a file that
        // vanished meanwhile
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle c : children) {
            try {
                c.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                c.destroyForcibly();
            }
        }
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) deleteTree(profile);
    }

    /** Deletes a folder and what it holds, skipping entries that disappear while it walks. */
    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE; // gone meanwhile
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
                try {
                    Files.deleteIfExists(d);
                } catch (IOException notEmpty) {
                    // a file appeared meanwhile: the next attempt takes it
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Waits until {@code expression} is truthy in the page. */
    public void waitUntil(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (eval("!!(" + expression + ")").asBoolean()) return;
            Thread.sleep(50);
        }
        throw new IllegalStateException("timed out waiting for " + expression);
    }
}
