package dev.latch.cli.support;

/**
 * How the user runs latch, for the commands it prints: {@code latch} when the {@code latch} on PATH
 * is this launcher, else the path that works from the current directory (such as {@code ./latch}).
 * The launcher script works it out and passes it in {@code LATCH_COMMAND}; without it (the jar run
 * directly), {@code latch}.
 */
public final class CommandName {
    public static final String ENVIRONMENT = "LATCH_COMMAND";

    private CommandName() {
    }

    public static String get() {
        String form = System.getenv(ENVIRONMENT);
        return form == null || form.isBlank() ? "latch" : form;
    }

    /** {@code text} with each quoted command ('latch …', 'sudo latch …') in the form that works. */
    public static String inText(String text) {
        String form = get();
        if (text == null || form.equals("latch")) {
            return text;
        }
        return text.replace("'latch ", "'" + form + " ").replace("'sudo latch ", "'sudo " + form + " ");
    }
}
