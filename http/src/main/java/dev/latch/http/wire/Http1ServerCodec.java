package dev.latch.http.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;

import java.util.ArrayDeque;

/**
 * The HTTP/1.1 codec of the server's and the proxy's client connections: Netty's request decoder
 * within the request-line and header limits, and Netty's response encoder. Unlike Netty's server
 * codec, a request with both {@code Content-Length} and {@code Transfer-Encoding} is refused
 * (decoded as a failure, {@link ConflictingLengths}) instead of quietly dropping the length: a
 * server or proxy that reads a body one way while another hop reads it the other is the door to
 * request smuggling (RFC 9112 §6.3, §11.2). Repeated Content-Length fields are refused by the
 * decoder itself. Responses to HEAD carry no body, as the server codec does. A response already
 * laid out as bytes ({@link EncodedResponse}) goes on as it is.
 */
public final class Http1ServerCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {

    /** Why a request was refused as ambiguous. */
    public static final class ConflictingLengths extends IllegalArgumentException {
        ConflictingLengths() {
            super("the request has both Content-Length and Transfer-Encoding; send only one", null);
        }
    }

    public Http1ServerCodec(int maxRequestLine, int maxHeaderBytes) {
        ArrayDeque<HttpMethod> methods = new ArrayDeque<>(); // of the requests not answered yet, in order
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(maxRequestLine)
                .setMaxHeaderSize(maxHeaderBytes)
                .setAllowDuplicateContentLengths(false);
        init(new HttpRequestDecoder(config) {
            @Override
            protected HttpMessage createMessage(String[] initialLine) throws Exception {
                HttpMessage message = super.createMessage(initialLine);
                methods.add(((HttpRequest) message).method());
                return message;
            }

            @Override
            protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
                throw new ConflictingLengths();
            }
        }, new HttpResponseEncoder() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof EncodedResponse encoded) {
                    methods.poll(); // it answers the oldest request, and knew its method
                    ctx.write(encoded.content(), promise);
                    return;
                }
                super.write(ctx, msg, promise);
            }

            @Override
            protected boolean isContentAlwaysEmpty(HttpResponse response) {
                if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                    return super.isContentAlwaysEmpty(response);
                }
                return HttpMethod.HEAD.equals(methods.poll()) || super.isContentAlwaysEmpty(response);
            }
        });
    }
}
