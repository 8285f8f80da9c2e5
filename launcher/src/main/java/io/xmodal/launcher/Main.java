package io.xmodal.launcher;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code xmodal} program. In order: parse the command line (help, version and usage errors end
 * here, before ND4J or the framework is touched), configure logging, start ND4J on this thread,
 * start Felix with the host packages exported, install the features, wait for the engine's
 * {@code Workbench} service, run the command, stop the framework, exit with the status
 * (0 success, 1 run failed, 2 usage or descriptor error).
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Properties props;

    Main(PrintStream out, PrintStream err, Map<String, String> env, Properties props) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.props = props;
    }

    public static void main(String[] args) {
        int status = new Main(System.out, System.err, System.getenv(), System.getProperties()).execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(status); // ND4J leaves non-daemon threads behind
    }

    int execute(String[] args) {
        CommandLine cli = Cli.create();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            return usageError(e.getCommandLine(), e.getMessage());
        }
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        ParseResult sub = parsed.subcommand();
        if (sub == null) {
            err.println("xmodal: a command is needed");
            cli.usage(err);
            return USAGE;
        }
        while (sub.subcommand() != null) {
            sub = sub.subcommand(); // e.g. data build
        }
        if (sub.commandSpec().userObject() instanceof DoctorCommand) {
            GlobalOptions options = GlobalOptions.from(parsed);
            Logging.configure(options.verbose(), props);
            Console console = new Console(out, err, options.verbose());
            return new Doctor(Distribution.locate(props), HostClassPath.current(), options, console, env, props).run();
        }
        EngineCommand command = sub.commandSpec().userObject() instanceof EngineCommand c ? c : null;
        if (command == null) {
            return usageError(sub.commandSpec().commandLine(), sub.commandSpec().subcommands().isEmpty() ? "not a command"
                    : "a subcommand is needed: " + String.join(", ", sub.commandSpec().subcommands().keySet()));
        }
        String problem = command.precheck();
        if (problem != null) {
            return usageError(sub.commandSpec().commandLine(), problem);
        }
        Path dropinOption = Dropins.option(parsed);
        String dropinProblem = Dropins.problem(dropinOption, env);
        if (dropinProblem != null) {
            return usageError(sub.commandSpec().commandLine(), dropinProblem);
        }
        GlobalOptions options = GlobalOptions.from(parsed);
        Logging.configure(options.verbose(), props);
        Console console = new Console(out, err, options.verbose());
        Distribution dist = Distribution.locate(props);
        return new Launch(dist, HostClassPath.current(), options, console, env, props)
                .dropins(Dropins.folder(dropinOption, env, dist)).run(command);
    }

    private int usageError(CommandLine where, String message) {
        String name = where.getCommandSpec().qualifiedName();
        err.println(name + ": " + message);
        err.println("Try '" + name + " --help' for more information.");
        return USAGE;
    }
}
