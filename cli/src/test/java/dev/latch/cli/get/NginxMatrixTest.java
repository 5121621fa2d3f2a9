package dev.latch.cli.get;

import dev.latch.testkit.CertificateScenarios.Scenario;
import dev.latch.testkit.CertificateScenarios.ServerFiles;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.NginxServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The certificate matrix against one nginx with a server block, on a port of its own, for each scenario. */
class NginxMatrixTest extends CertificateMatrix {
    private final Map<Scenario, Integer> ports = new EnumMap<>(Scenario.class);
    private NginxServer nginx;

    @Override
    void start(Path site) throws Exception {
        StringBuilder servers = new StringBuilder();
        List<Scenario> served = served();
        List<Integer> free = FreePorts.loopback(served.size());
        for (Scenario scenario : served) {
            ServerFiles files = scenarios.files(scenario);
            int port = free.get(ports.size());
            ports.put(scenario, port);
            servers.append("""
                    server {
                        listen 127.0.0.1:%d ssl;
                        ssl_certificate %s;
                        ssl_certificate_key %s;
                        root %s;
                    }
                    """.formatted(port, files.chain(), files.key(), site));
        }
        nginx = NginxServer.start(Files.createDirectories(dir.resolve("nginx")), servers.toString(), List.copyOf(ports.values()));
    }

    @Override
    int port(Scenario scenario) {
        return ports.get(scenario);
    }

    @Override
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }
}
