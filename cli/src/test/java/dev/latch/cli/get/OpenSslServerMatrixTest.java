package dev.latch.cli.get;

import dev.latch.testkit.CertificateScenarios.Scenario;
import dev.latch.testkit.CertificateScenarios.ServerFiles;
import dev.latch.testkit.OpenSslServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The certificate matrix against {@code openssl s_server -www}, one for each scenario. */
class OpenSslServerMatrixTest extends CertificateMatrix {
    private final Map<Scenario, OpenSslServer> servers = new EnumMap<>(Scenario.class);

    @Override
    void start(Path site) throws Exception {
        for (Scenario scenario : served()) {
            ServerFiles files = scenarios.files(scenario);
            List<String> args = new ArrayList<>(List.of("-cert", files.leaf().toString(), "-key", files.key().toString(), "-www"));
            if (files.intermediates() != null) {
                args.addAll(List.of("-cert_chain", files.intermediates().toString()));
            }
            servers.put(scenario, OpenSslServer.start(site, args.toArray(String[]::new)));
        }
    }

    @Override
    int port(Scenario scenario) {
        return servers.get(scenario).port();
    }

    @Override
    void stop() throws Exception {
        for (OpenSslServer server : servers.values()) {
            server.close();
        }
    }
}
