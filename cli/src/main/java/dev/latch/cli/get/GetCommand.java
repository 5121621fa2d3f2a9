package dev.latch.cli.get;

import dev.latch.cli.support.ProgressBar;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.client.ClientResponse;
import dev.latch.client.HttpsClient;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.trace.TraceListener;
import dev.latch.tls.TlsEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "get",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Fetch a URL over HTTPS (or HTTP), and show the whole handshake and exactly why the server's certificate is trusted or not.",
                "",
                "curl's flags where curl has one. The body goes to stdout (or -o FILE). The",
                "scheme decides port and TLS: https:// (443, the default when none is given)",
                "or http:// (80). HTTP/2 or HTTP/1.1 by ALPN. Trusts the system's roots unless",
                "--cacert, --capath or --local-ca say otherwise; the certificate is judged by",
                "the same validator as 'latch verify'. Proxies from -x or, as curl reads them,",
                "$HTTPS_PROXY, $http_proxy, $ALL_PROXY and $NO_PROXY.",
                ""},
        footer = {"",
                "-w variables: %%{http_code} %%{response_code} %%{time_namelookup}",
                "  %%{time_connect} %%{time_appconnect} %%{time_pretransfer}",
                "  %%{time_starttransfer} %%{time_redirect} %%{time_total} %%{size_download}",
                "  %%{speed_download} %%{url_effective} %%{num_redirects} %%{remote_ip}",
                "  %%{remote_port} %%{http_version} %%{content_type} %%{exitcode} %%{errormsg}",
                "  %%{ssl_verify_result} (0 trusted, 1 not); \\n \\t \\r and %%%% as in curl.",
                "",
                "Exit codes (curl's): 0 ok; 1 unsupported protocol; 2 usage error (curl:",
                "  failed init); 3 malformed URL; 5 proxy name not resolved; 6 name not",
                "  resolved; 7 connect failed; 22 status >= 400 with --fail; 23 cannot write",
                "  the body; 26 cannot read the request body; 28 timeout; 35 TLS handshake",
                "  failed; 47 too many redirects; 55 send failed; 56 receive failed;",
                "  58 client certificate unusable; 60 certificate not trusted;",
                "  77 --cacert/--capath/--crl unreadable; 90 key does not match --pin;",
                "  97 the proxy refused the tunnel.",
                "",
                "Examples:",
                "  ${env:LATCH_COMMAND:-latch} get https://example.com/",
                "  ${env:LATCH_COMMAND:-latch} get -v --local-ca https://localhost:8443/",
                "  ${env:LATCH_COMMAND:-latch} get -o a.html -w '%%{http_code} %%{time_total}\\n' https://a.test/",
                "  ${env:LATCH_COMMAND:-latch} get --json -o /dev/null https://expired.badssl.com/",
                "  ${env:LATCH_COMMAND:-latch} get --fetch-intermediates https://b.test/",
                "  ${env:LATCH_COMMAND:-latch} get -x http://127.0.0.1:3128 https://a.test/",
                "  ${env:LATCH_COMMAND:-latch} get --resolve a.test:443:10.0.0.5 https://a.test/",
                "  ${env:LATCH_COMMAND:-latch} get -d @form.txt -H 'Accept: text/csv' https://a.test/",
                "  ${env:LATCH_COMMAND:-latch} get --cert me.pem --key me-key.pem https://mtls.test/"})
public final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "What to fetch: https://host[:port]/path (or http://).")
    String url;

    @Mixin
    OutputFlags output;

    @Mixin
    RequestOptions request;

    @Mixin
    ConnectionFlags connection;

    @Mixin
    TrustFlags trust;

    @Mixin
    PassphraseOptions passphrase;

    /**
     * Where the body goes without -o: the process's stdout itself, not System.out, which hides write
     * errors (a closed pipe must end the download with exit 23, as curl's).
     */
    OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
    InputStream stdin = System.in;
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        output.check();
        String writeOut = output.writeOutFormat();
        int redirects = connection.redirects();
        if (trust.insecure) {
            err.println(FailureLines.insecureWarning());
            err.flush();
        }
        URI target = null;
        DownloadFile file = null;
        ProgressBar progress = null;
        Outcome outcome;
        try {
            URI given = TargetUrl.parse(url);
            target = TargetUrl.withoutCredentials(given);
            Path path = output.target(target);
            file = path == null ? null : new DownloadFile(path);
            boolean bodyToStdout = file == null;
            progress = output.silent || output.verbose || output.json ? null
                    : new ProgressBar(err, System::nanoTime, () -> ProgressBar.wanted(bodyToStdout));
            ClientRequest asked = TargetUrl.withCredentials(request.request(target, stdin), given);
            BodyTarget sink = new BodyTarget(output.json && file == null ? OutputStream.nullOutputStream() : stdout, file,
                    output.include || request.isHead(), output.fail, connection.follow, progress);
            out.flush();
            ClientResponse response = send(asked, sink, err);
            finish(progress);
            if (connection.follow && redirects == 0 && BodyTarget.isRedirect(response.head())) {
                // curl's -L --max-redirs 0: a redirect that may not be followed is a failure, not the answer
                throw new ClientFailure(FailureKind.TOO_MANY_REDIRECTS, "the server redirected to "
                        + response.head().header("Location") + ", and --max-redirs 0 allows no redirect", "raise --max-redirs");
            }
            if (file != null && !sink.failedStatus()) {
                file.commit();
            }
            outcome = Outcome.of(target, response, sink.failedStatus(), file == null || sink.failedStatus() ? null : file.target());
        } catch (ClientFailure failure) {
            finish(progress);
            outcome = Outcome.of(target, failure);
        } finally {
            if (file != null) {
                file.abort(); // after a commit there is nothing left to remove
            }
            try {
                stdout.flush(); // what came before a failure, as curl writes it
            } catch (IOException ignored) {
                // the failure already says what went wrong
            }
        }
        new OutcomePrinter(output, writeOut, out, err).print(outcome);
        return outcome.exitCode();
    }

    private ClientResponse send(ClientRequest asked, BodySink sink, PrintWriter err) {
        TlsEngine.Choice engine = connection.engine();
        if (engine.fallbackReason() != null && output.tellsErrors()) {
            err.println(FailureLines.WHO + engine.fallbackReason());
        }
        if (output.verbose) {
            err.println("* TLS engine: " + engine.engine().describe());
        }
        HttpsClient.Builder builder = HttpsClient.builder()
                .trust(trust.options(output.verbose || output.json))
                .userAgent(null) // the request carries it (RequestOptions), so that -H can replace or remove it
                .listener(output.verbose ? new VerboseTrace(err) : TraceListener.NONE);
        connection.configure(builder, engine.engine(), environment, passphrase.source());
        try (HttpsClient client = builder.build()) {
            ClientResponse response = client.send(asked, sink);
            flush(stdout);
            return response;
        }
    }

    private static void flush(OutputStream stream) {
        try {
            stream.flush();
        } catch (IOException e) {
            throw new ClientFailure(FailureKind.WRITE_ERROR, "cannot write the body to standard output: " + e.getMessage(),
                    "check where stdout goes (a closed pipe, a full disk)");
        }
    }

    private static void finish(ProgressBar progress) {
        if (progress != null) {
            progress.finish();
        }
    }
}
