package io.homeostat.engine.execute.action;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.codec.HmacSha256;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code webhook}: POSTs a JSON body to the {@link WebhookTarget} named by {@code target}, signed so
 * the receiver can check it came from us and was not replayed:
 * <ul>
 *   <li>{@code X-Homeostat-Timestamp}: epoch seconds of the injected clock;</li>
 *   <li>{@code X-Homeostat-Signature}: {@code sha256=} hex HMAC-SHA256 of {@code timestamp + "." + body}
 *       with the target's secret;</li>
 *   <li>{@code Idempotency-Key}: the request key, so a receiver can drop a repeat.</li>
 * </ul>
 * The body holds the incident, run, step, service and every step parameter but {@code target}.
 * A 2xx answer is success. Risk is the target's. Thread-safe.
 */
public final class WebhookAction implements Action {

    /** The signature header. */
    public static final String SIGNATURE = "X-Homeostat-Signature";
    /** The timestamp header. */
    public static final String TIMESTAMP = "X-Homeostat-Timestamp";

    private final Map<String, WebhookTarget> targets;
    private final HttpClient client;
    private final Clock clock;

    public WebhookAction(List<WebhookTarget> targets, Clock clock) {
        this.targets = targets.stream().collect(Collectors.toUnmodifiableMap(WebhookTarget::name, Function.identity()));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        this.clock = clock;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        WebhookTarget target = targets.get(params.getOrDefault("target", ""));
        return target == null ? RiskLevel.HIGH : target.risk();
    }

    @Override
    public Optional<String> unmetPrerequisite(ActionRequest request) {
        String name = request.param("target").orElse("");
        return targets.containsKey(name) ? Optional.empty() : Optional.of("no webhook target named '" + name + "'");
    }

    @Override
    public ActionResult run(ActionRequest request) {
        WebhookTarget target = targets.get(request.required("target"));
        if (target == null) {
            throw new ActionFailedException("no webhook target named '" + request.required("target") + "'");
        }
        String body = body(request);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest http = HttpRequest.newBuilder(target.url()).timeout(target.timeout())
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + sign(target.secret(), timestamp + "." + body))
                .header("Idempotency-Key", request.key())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = client.send(http, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ActionFailedException("webhook " + target.name() + " answered " + response.statusCode());
            }
            return ActionResult.of("webhook " + target.name() + " answered " + response.statusCode());
        } catch (IOException e) {
            throw new ActionFailedException("webhook " + target.name() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionFailedException("interrupted calling webhook " + target.name(), e);
        }
    }

    /**
     * The hex HMAC-SHA256 of {@code payload} under {@code secret}, as receivers compute it.
     */
    public static String sign(String secret, String payload) {
        return HmacSha256.hex(secret.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(ActionRequest request) {
        Map<String, String> fields = new TreeMap<>(request.params());
        fields.remove("target");
        fields.put("incident", request.incidentId());
        fields.put("run", request.runId());
        fields.put("step", request.step());
        fields.put("service", request.service());
        return fields.entrySet().stream().map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
