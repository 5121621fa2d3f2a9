package dev.latch.cli.proxy;

import dev.latch.cli.serve.NettyLogging;
import dev.latch.cli.serve.Signals;
import dev.latch.cli.support.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "proxy",
        subcommands = ProxyUserCommand.class,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Run a forward proxy: CONNECT tunnels for https:// and forwarding of http:// requests, as a proxy at a network's edge does.",
                "",
                "With no options: listens on 127.0.0.1:3128 (only this machine can use",
                "it), lets CONNECT reach ports 443 and 8443, and prints the line a",
                "client needs (curl -x http://127.0.0.1:3128 …, HTTPS_PROXY=…).",
                "",
                "Safe by default:",
                "- Private, loopback, link-local, unique-local, CGN and multicast",
                "  addresses and the cloud metadata address are denied unless --allow",
                "  names them, judged on the address actually connected to (after DNS),",
                "  so no name or spelling of an address leads into the inside network.",
                "- Listening beyond loopback needs users (--users FILE, or",
                "  $LATCH_HOME/proxy/users made by 'latch proxy user add NAME'),",
                "  or --open to accept that anyone who can reach it may use it.",
                "- Users are checked with Basic Proxy-Authorization against salted, slow",
                "  hashes; failed attempts are rate-limited per client address. Over",
                "  --tls the password never crosses the network in clear.",
                "",
                "Answers: 403 with the reason for a refused destination, 407 for missing",
                "or wrong credentials, 502 when the destination refuses or its name does",
                "not resolve, 504 when connecting takes longer than --connect-timeout.",
                "An access-log line per request or tunnel (client, user, target, address",
                "connected to, status, bytes each way, duration, reason for a refusal).",
                "",
                "--config FILE holds the same settings in YAML, as 'latch serve",
                "--config' does for a server.",
                "",
                "Ctrl+C (SIGINT/SIGTERM) stops accepting, gives open tunnels and",
                "requests up to 10 s to finish, then exits 0."
        },
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} proxy                        # at 127.0.0.1:3128",
                "  ${env:LATCH_COMMAND:-latch} proxy user add alice         # then, for the network:",
                "  ${env:LATCH_COMMAND:-latch} proxy --listen 0.0.0.0:3128",
                "  ${env:LATCH_COMMAND:-latch} proxy --tls                  # curl --proxy https://localhost:3128",
                "  ${env:LATCH_COMMAND:-latch} proxy --allow 10.1.0.0/16 --deny '*.ads.example'",
                "  ${env:LATCH_COMMAND:-latch} proxy --resolve up.test:10.0.0.5 --allow up.test",
                "",
                "JVM: the latch launcher runs proxy with the serial collector and a heap",
                "that starts at 16 MiB and grows as needed up to 1/8 of the memory;",
                "options in LATCH_JAVA_OPTS come last and win (LATCH_JAVA_OPTS='-Xmx1g')."})
public final class ProxyCommand implements Callable<Integer> {
    /** How long open tunnels and requests may take to finish once a stop is asked for. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    ProxyOptions options;

    /** The proxy module's parts; the tests put their own here. */
    ProxyParts parts = new EngineParts();

    @Override
    public Integer call() throws Exception {
        NettyLogging.productionLeakDetection();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NettyLogging.configure(err);
        ProxySetup setup = options.setup(parts, notice -> err.println("latch: " + notice));
        if (setup.engine() != null && setup.engine().fallbackReason() != null) {
            err.println("latch: " + setup.engine().fallbackReason());
        }
        RunningProxy proxy;
        try {
            proxy = parts.start(setup.config());
        } catch (RuntimeException e) {
            setup.config().accessLog().close(); // once started, the proxy closes it when it stops
            throw e;
        }
        Runnable stop = () -> {
            err.println("latch: stopping (open tunnels and requests get up to " + DRAIN.toSeconds() + " s to finish)");
            proxy.close(DRAIN);
        };
        Thread hook = new Thread(stop, "latch-shutdown"); // when the JVM is stopped another way
        Runtime.getRuntime().addShutdownHook(hook);
        CountDownLatch stopAsked = new CountDownLatch(1);
        Signals.onStop(stopAsked::countDown);
        StartLines lines = new StartLines(setup, proxy);
        if (options.json()) {
            Json.printLine(out, lines.record());
        } else {
            lines.print(out);
        }
        stopAsked.await();
        Runtime.getRuntime().removeShutdownHook(hook);
        stop.run();
        return 0;
    }
}
