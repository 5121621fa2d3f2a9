package dev.latch.cli.proxy;

import dev.latch.core.LatchException;
import dev.latch.proxy.ProxyConfig;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.policy.Destinations;

import java.nio.file.Path;

/**
 * The proxy module's real parts. The policy, the users file, the config file and the engine are
 * written on other branches: each method below names the call it makes once they are merged
 * (the lines marked MERGE), and until then says the part is not in this build.
 */
final class EngineParts implements ProxyParts {

    @Override
    public Destinations destinations(DestinationRules rules) {
        // MERGE: return dev.latch.proxy.policy.DestinationPolicy.builder().ports(rules.ports())
        //            .allow(rules.allow()).deny(rules.deny()).resolve(rules.resolve()).build();
        throw notBuilt("destination policy");
    }

    @Override
    public ProxyAuth users(Path file) {
        // MERGE: return dev.latch.proxy.auth.UsersFile.load(file);  (the auth branch's users-file ProxyAuth)
        throw notBuilt("users file");
    }

    @Override
    public ProxyConfig.Builder configFile(Path file) {
        // MERGE: return dev.latch.proxy.config.ProxyConfigFile.read(file);  (the policy branch's YAML parser)
        throw notBuilt("config file reader");
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
