package dev.latch.client.exchange;

import dev.latch.client.message.ResponseHead;

import java.time.Duration;

/**
 * One request answered.
 *
 * @param firstByte when the response's first byte arrived, counted from the start of the exchange
 * @param reusable  whether the connection may carry another request
 */
public record ExchangeResult(ResponseHead head, long bodyBytes, Duration firstByte, boolean reusable) {
}
