package dev.latch.server.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static dev.latch.server.pipeline.PipelineTestSupport.ascii;
import static dev.latch.server.pipeline.PipelineTestSupport.writtenText;
import static org.assertj.core.api.Assertions.assertThat;

class PlainHttpOnTlsPortTest {
    /** The start of a TLS 1.x handshake record (content type 22) as a ClientHello begins. */
    private static final byte[] CLIENT_HELLO = {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x03};

    private final StringBuilder handedOn = new StringBuilder();
    private final EmbeddedChannel channel = new EmbeddedChannel(new PlainHttpOnTlsPort(), new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            handedOn.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
    });

    private void assertHandedOnUntouched(String bytes) {
        assertThat(handedOn.toString()).isEqualTo(bytes);
        assertThat(channel.pipeline().get(PlainHttpOnTlsPort.class)).as("the check has left").isNull();
        assertThat(writtenText(channel)).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    private void assertToldToUseHttps() {
        String answer = writtenText(channel);
        String body = "This is an HTTPS port: use https:// in the URL.\n";
        assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("Content-Length: " + body.length() + "\r\n")
                .contains("Connection: close\r\n")
                .endsWith("\r\n\r\n" + body);
        assertThat(handedOn).as("nothing reaches the TLS side").isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aTlsClientHelloIsHandedOnAndTheCheckLeaves() {
        channel.writeInbound(Unpooled.wrappedBuffer(CLIENT_HELLO));

        assertHandedOnUntouched(new String(CLIENT_HELLO, StandardCharsets.ISO_8859_1));
    }

    @Test
    void afterTheFirstBytesEverythingGoesStraightOn() {
        channel.writeInbound(Unpooled.wrappedBuffer(CLIENT_HELLO));
        handedOn.setLength(0);

        channel.writeInbound(ascii("GET / HTTP/1.1\r\n\r\n"));

        assertHandedOnUntouched("GET / HTTP/1.1\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1\r\nHost: a.test\r\n\r\n", "POST /form HTTP/1.1\r\n", "OPTIONS * HTTP/1.1\r\n",
            "PROPFIND /dav/ HTTP/1.1\r\n"})
    void aPlainHttpRequestGets400SayingToUseHttpsAndTheConnectionCloses(String request) {
        channel.writeInbound(ascii(request));

        assertToldToUseHttps();
    }

    @Test
    void aRequestLineArrivingInPiecesIsStillRecognised() {
        channel.writeInbound(ascii("GE"));
        boolean decidedTooEarly = handedOn.length() > 0 || !channel.isOpen();

        channel.writeInbound(ascii("T / HTTP/1.1\r\n\r\n"));

        assertThat(decidedTooEarly).isFalse();
        assertToldToUseHttps();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSH-2.0-OpenSSH_9.6\r\n", "get / http/1.1\r\n", "\u0000\u0001binary", "AB / x", "ABCDEFGHIJKLMNOPQRSTUVWXYZ "})
    void whatIsNeitherTlsNorHttpIsHandedOnForTheTlsSideToRefuse(String bytes) {
        channel.writeInbound(ascii(bytes));

        assertHandedOnUntouched(bytes);
    }
}
