package dev.latch.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A person at a real terminal: runs a command on a new pseudo-terminal (python3's pty module),
 * waits for each prompt in turn and types its answer, then returns everything the screen showed
 * (as standard output; a terminal has no separate standard error) and the command's exit status.
 * What is typed at a password prompt is not echoed, so a test can check the screen never shows it.
 */
public final class Terminal {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** Waits for each prompt in turn and types each answer; a prompt that never comes is passed over at the command's end. */
    private static final String SCRIPT = """
            import os, pty, select, sys, time
            pid, fd = pty.fork()
            if pid == 0:
                os.execvp(sys.argv[1], sys.argv[1:])
            screen = b''
            deadline = time.time() + 50
            def read_until(text):
                global screen
                while text is None or text not in screen:
                    ready, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
                    if not ready:
                        sys.stdout.write('TIMEOUT waiting for %r\\n' % text); break
                    try:
                        chunk = os.read(fd, 4096)
                    except OSError:
                        chunk = b''
                    if not chunk:
                        break
                    screen += chunk
            for i in range(int(os.environ['TERMINAL_ANSWERS'])):
                read_until(os.environb[b'TERMINAL_PROMPT_%d' % i])
                os.write(fd, os.environb[b'TERMINAL_ANSWER_%d' % i] + b'\\n')
            read_until(None)
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(screen.decode('utf-8', 'replace'))
            sys.exit(os.waitstatus_to_exitcode(status))
            """;

    /** A prompt the command shows, and what the person types at it (Enter is added). */
    public record Answer(String prompt, String typed) {
    }

    private Terminal() {
    }

    public static ProcessRun run(Path dir, List<Answer> answers, List<String> command) {
        ProcessRunner runner = ProcessRunner.in(dir).timeout(LIMIT).env("TERMINAL_ANSWERS", String.valueOf(answers.size()));
        for (int i = 0; i < answers.size(); i++) {
            runner = runner.env("TERMINAL_PROMPT_" + i, answers.get(i).prompt()).env("TERMINAL_ANSWER_" + i, answers.get(i).typed());
        }
        List<String> all = new ArrayList<>(List.of("python3", "-c", SCRIPT));
        all.addAll(command);
        return runner.run(all);
    }

    /** {@code java -cp <this test's class path> MAIN ARGS}, with the JVM running the test. */
    public static List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
