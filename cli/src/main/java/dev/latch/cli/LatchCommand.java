package dev.latch.cli;

import dev.latch.cli.support.VersionProvider;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.ca.CaCommand;
import dev.latch.cli.get.GetCommand;
import dev.latch.cli.inspect.InspectCommand;
import dev.latch.cli.proxy.ProxyCommand;
import dev.latch.cli.serve.ServeCommand;
import dev.latch.cli.verify.VerifyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "latch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Latch: local and internal HTTPS that just works.",
                "",
                "State lives in $LATCH_HOME (default ~/.latch); the local CA in $LATCH_HOME/ca.",
                "Exit codes: 0 ok, 1 the operation failed, 2 usage error, 3 not trusted (verify);",
                "'latch get' exits with curl's codes (see 'latch get --help')."},
        subcommands = {ServeCommand.class, GetCommand.class, ProxyCommand.class, CaCommand.class, InspectCommand.class, VerifyCommand.class},
        footer = {"", "Start with:  ${env:LATCH_COMMAND:-latch} serve  (serves . at https://localhost:8443)",
                "To run it as 'latch' anywhere: ${env:LATCH_COMMAND:-./latch} install (links ~/.local/bin/latch)"})
public final class LatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
