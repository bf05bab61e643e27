package io.homeostat.engine.alert.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.detect.Severity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouteTest {

    private final Route pager = Route.to("pager").match(Matcher.eq(Labels.SEVERITY, "critical")).build();
    private final Route dbTeam = Route.to("db-team").match(Matcher.regex(Labels.SERVICE, "db:.*"))
            .continueMatching().build();
    private final Route dbCritical = Route.to("db-critical").match(Matcher.regex(Labels.SERVICE, "db:.*"))
            .route(Route.to("dba-pager").match(Matcher.eq(Labels.SEVERITY, "critical")).build()).build();
    private final Route root = Route.to("ops").route(dbTeam).route(dbCritical).route(pager).build();

    private static Labels labels(String service, Severity severity) {
        return Alert.of(service, severity, "errors", "", "x", Instant.EPOCH).labels();
    }

    @Test
    void anAlertNoChildMatchesStaysAtTheRoot() {
        assertThat(root.resolve(labels("checkout", Severity.HIGH))).containsExactly(root);
    }

    @Test
    void theFirstMatchingChildTakesTheAlertUnlessItSaysContinue() {
        // checkout critical: only the pager child
        assertThat(root.resolve(labels("checkout", Severity.CRITICAL))).extracting(Route::receiver)
                .containsExactly("pager");
        // db high: db-team continues, db-critical matches and stops (its child does not match)
        assertThat(root.resolve(labels("db:primary", Severity.HIGH))).extracting(Route::receiver)
                .containsExactly("db-team", "db-critical");
        // db critical: the deepest match under db-critical, and the pager route is never reached
        assertThat(root.resolve(labels("db:primary", Severity.CRITICAL))).extracting(Route::receiver)
                .containsExactly("db-team", "dba-pager");
    }

    @Test
    void aRouteThatDoesNotMatchResolvesToNothing() {
        assertThat(pager.resolve(labels("checkout", Severity.LOW))).isEmpty();
        assertThat(root.receivers()).containsExactly("ops", "db-team", "db-critical", "dba-pager", "pager");
    }

    @Test
    void timingIsValidatedAndDefaultsAreAlertmanagers() {
        assertThat(GroupTiming.defaults()).isEqualTo(
                new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4)));
        assertThatThrownBy(() -> new GroupTiming(Duration.ofSeconds(-1), Duration.ofMinutes(5), Duration.ofHours(4)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupTiming(Duration.ZERO, Duration.ZERO, Duration.ofHours(4)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupTiming(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeatInterval");
        assertThatThrownBy(() -> Route.to(" ").build()).isInstanceOf(IllegalArgumentException.class);
    }
}
