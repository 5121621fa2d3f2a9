package dev.latch.proxy.forward;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HopByHopTest {
    @Test
    void removesConnectionFieldsAndThoseItNamesButNeverTheFraming() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Connection", "X-A, x-b")
                .add("Connection", "close, Content-Length, Transfer-Encoding")
                .add("X-A", "1").add("X-B", "2").add("X-C", "3")
                .add("Keep-Alive", "timeout=5").add("Proxy-Connection", "keep-alive").add("TE", "trailers")
                .add("Trailer", "X-T").add("Upgrade", "h2c").add("Proxy-Authorization", "Basic eDp5")
                .add("Content-Length", "5").add("Transfer-Encoding", "chunked");
        HopByHop.strip(headers);
        assertThat(headers.names()).containsExactlyInAnyOrder("X-C", "Content-Length", "Transfer-Encoding");
    }

    @Test
    void viaIsAppendedWithTheReceivedVersionAndALoopIsSeenInAnyElement() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Via", "1.1 squid (Squid/6), HTTP/2 cdn");
        assertThat(ViaHeader.passedThrough(headers, "latch")).isFalse();
        ViaHeader.append(headers, HttpVersion.HTTP_1_0, "latch");
        assertThat(headers.getAll("Via")).containsExactly("1.1 squid (Squid/6), HTTP/2 cdn", "1.0 latch");
        assertThat(ViaHeader.passedThrough(headers, "LATCH")).isTrue();
        assertThat(ViaHeader.passedThrough(new DefaultHttpHeaders().add("Via", "1.1 latchkey"), "latch")).isFalse();
    }
}
