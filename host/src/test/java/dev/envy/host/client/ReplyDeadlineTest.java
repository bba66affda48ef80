package dev.envy.host.client;

import dev.envy.core.protocol.Request;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplyDeadlineTest {

    @Test
    void ST_4_upAndStartWaitForTheDaemonsOwnDeadlinePlusGraceAndUnboundedRequestsForever() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), ReplyDeadline.of(new Request.Up(true, 60_000)));
        assertEquals(Optional.of(Duration.ofSeconds(35)),
                ReplyDeadline.of(new Request.Start(List.of("db"), true, 5_000)));
        assertEquals(Optional.of(ReplyDeadline.GRACE), ReplyDeadline.of(new Request.Up(false, 60_000)),
                "without waiting the answer comes at once");
        assertEquals(Optional.empty(), ReplyDeadline.of(new Request.Start(List.of(), true, 0)), "--timeout 0: none");
        assertEquals(Optional.empty(), ReplyDeadline.of(new Request.Stop(List.of(), true)), "stop-timeouts add up");
        assertEquals(Optional.empty(), ReplyDeadline.of(new Request.Down()));
    }
}
