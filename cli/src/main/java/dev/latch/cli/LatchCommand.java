package dev.latch.cli;

import dev.latch.cli.ca.CaCommand;
import dev.latch.cli.cipher.CipherCommand;
import dev.latch.cli.crack.CrackCommand;
import dev.latch.cli.digest.DigestCommand;
import dev.latch.cli.encrypt.DecryptCommand;
import dev.latch.cli.encrypt.EncryptCommand;
import dev.latch.cli.get.GetCommand;
import dev.latch.cli.inspect.InspectCommand;
import dev.latch.cli.key.KeyCommand;
import dev.latch.cli.proxy.ProxyCommand;
import dev.latch.cli.serve.ServeCommand;
import dev.latch.cli.sign.SignCommand;
import dev.latch.cli.sign.VerifySignatureCommand;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.VersionProvider;
import dev.latch.cli.verify.VerifyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "latch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Latch: local and internal HTTPS that just works.",
                "",
                "State lives in $LATCH_HOME (default ~/.latch); the local CA in $LATCH_HOME/ca.",
                "Exit codes: 0 ok, 1 the operation failed, 2 usage error, 3 not trusted (verify, verify-signature);",
                "'latch get' exits with curl's codes (see 'latch get --help')."},
        footer = {"", "Start with:  ${env:LATCH_COMMAND:-latch} serve  (serves . at https://localhost:8443)",
                "To run it as 'latch' anywhere: ${env:LATCH_COMMAND:-./latch} install (links ~/.local/bin/latch)"})
public final class LatchCommand implements Callable<Integer> {
    /**
     * The subcommands by name, in the order {@code --help} lists them. Not in the annotation: picocli
     * reads every option of every command it is given, which costs more start-up time than most
     * commands take to run, so {@link #subcommandsFor} picks the ones a command line needs.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("serve", ServeCommand.class);
        SUBCOMMANDS.put("get", GetCommand.class);
        SUBCOMMANDS.put("proxy", ProxyCommand.class);
        SUBCOMMANDS.put("ca", CaCommand.class);
        SUBCOMMANDS.put("inspect", InspectCommand.class);
        SUBCOMMANDS.put("verify", VerifyCommand.class);
        SUBCOMMANDS.put("encrypt", EncryptCommand.class);
        SUBCOMMANDS.put("decrypt", DecryptCommand.class);
        SUBCOMMANDS.put("sign", SignCommand.class);
        SUBCOMMANDS.put("verify-signature", VerifySignatureCommand.class);
        SUBCOMMANDS.put("digest", DigestCommand.class);
        SUBCOMMANDS.put("key", KeyCommand.class);
        SUBCOMMANDS.put("cipher", CipherCommand.class);
        SUBCOMMANDS.put("crack", CrackCommand.class);
    }

    @Spec
    CommandSpec spec;

    /**
     * The subcommands {@code latch args} needs: the one it names first, none for {@code --version},
     * else all of them (for the usage, {@code --help} and suggestions after a mistyped command).
     */
    static List<Class<?>> subcommandsFor(String... args) {
        String first = args.length == 0 ? "" : args[0];
        if (SUBCOMMANDS.containsKey(first)) {
            return List.of(SUBCOMMANDS.get(first));
        }
        if (first.equals("-V") || first.equals("--version")) {
            return List.of();
        }
        return List.copyOf(SUBCOMMANDS.values());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
