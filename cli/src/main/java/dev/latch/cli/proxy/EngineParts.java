package dev.latch.cli.proxy;

import dev.latch.core.LatchException;
import dev.latch.proxy.ProxyConfig;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.auth.UsersAuth;
import dev.latch.proxy.config.ProxyConfigFile;
import dev.latch.proxy.config.ProxySettings;
import dev.latch.proxy.policy.DestinationPolicy;
import dev.latch.proxy.policy.Destinations;
import dev.latch.proxy.policy.NameResolver;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The proxy module's real parts. The policy, the users file, the config file and the engine are
 * written on other branches: each method below names the call it makes once they are merged
 * (the lines marked MERGE), and until then says the part is not in this build.
 */
final class EngineParts implements ProxyParts {

    @Override
    public Destinations destinations(DestinationRules rules) {
        DestinationPolicy.Builder policy = DestinationPolicy.builder()
                .resolver(NameResolver.system().withOverrides(rules.resolve()))
                .ports(rules.ports())
                .onlyAllowed(rules.onlyAllowed());
        rules.allow().forEach(policy::allow);
        rules.deny().forEach(policy::deny);
        return policy.build();
    }

    @Override
    public ProxyAuth users(Path file, Consumer<String> events) {
        return UsersAuth.open(file, events);
    }

    @Override
    public ProxySettings configFile(Path file) {
        return ProxyConfigFile.read(file);
    }

    @Override
    public RunningProxy start(ProxyConfig config) {
        // MERGE: dev.latch.proxy.ForwardProxy proxy = dev.latch.proxy.ForwardProxy.start(config);
        //        return new RunningProxy() { addresses() -> proxy.addresses(), transport() -> proxy.transport(),
        //                                    status() -> proxy.statusAddress(), close(d) -> proxy.close(d) };
        throw notBuilt("engine");
    }

    private static LatchException notBuilt(String part) {
        return new LatchException("this build of latch has no proxy " + part + " yet", "build latch from a branch that has it");
    }
}
