package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Workbench;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.gogo.command.Basic;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.osgi.framework.BundleContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code xmodal shell}: an interactive console (Apache Felix Gogo) over one running framework. The
 * xmodal commands (plugins, features, validate, run, evaluate) take the same arguments as on the
 * command line; the standard framework commands of Gogo's {@code Basic} (lb, headers, inspect,
 * install, start, stop, update, uninstall, refresh, resolve, ...) sit beside them. Because the
 * framework stays up, the drop-in folder is watched for the whole session: a jar copied in shows
 * in the next {@code plugins} and is used by the next {@code run}.
 */
@Command(name = "shell",
        description = {"Open an interactive console (Apache Felix Gogo) on a running xmodal.",
            "%nCommands: plugins, features, validate, run, evaluate, study (as on the command line, e.g. run x.yaml --set train.epochs=2), "
                + "study status DIR (the runs of a study directory, their status and the best so far), "
                + "the framework commands lb, headers, inspect, install, start, stop, update, uninstall, refresh, resolve, "
                + "and exit. Drop-ins are watched for the whole session. Quote values with braces: --set 'model.decoder={use: dense}'.",
            "%nOn a terminal: line editing, completion and history (JLine; ~/.xmodal/shell-history); from a pipe the lines "
                + "are read as they come."})
final class ShellCommand implements EngineCommand, FrameworkAware {
    /** The xmodal commands available in the shell. */
    static final List<String> COMMANDS = List.of("plugins", "features", "validate", "run", "evaluate", "study");
    static final String PROMPT = "xmodal> ";

    private final InputStream in;
    private BundleContext context;
    private Distribution dist;
    private Path dropins;

    ShellCommand() {
        this(System.in);
    }

    ShellCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public void attach(BundleContext context, Distribution dist, Path dropins) {
        this.context = context;
        this.dist = dist;
        this.dropins = dropins;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException {
        PrintStream out = console.out();
        CommandProcessorImpl processor = new CommandProcessorImpl();
        if (context != null) {
            processor.addCommand("felix", new Basic(context));
        }
        for (String name : COMMANDS) {
            Function f = (session, args) -> {
                dispatch(name, args, workbench, console, host);
                return null;
            };
            processor.addCommand("xmodal", f, name);
        }
        CommandSession session = processor.createSession(in, out, console.err());
        out.println("xmodal shell: " + String.join(", ", COMMANDS) + " (study status DIR), the framework commands (lb, headers, inspect, start, "
                + "stop, ...) and exit" + (dropins == null ? "" : "; drop-ins are watched in " + dropins));
        try (LineSource reader = interactive() ? new JLineSource(session, out) : new PlainSource(in, out)) {
            while (true) {
                String line = reader.next();
                if (line == null) {
                    out.println();
                    break;
                }
                line = line.strip();
                if (line.equals("exit") || line.equals("quit")) {
                    break;
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    Object result = session.execute(line);
                    if (result != null) {
                        out.println(session.format(result, Converter.INSPECT));
                    }
                } catch (Exception e) {
                    console.error(e);
                }
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            console.error(e);
            return 1;
        } finally {
            session.close();
            processor.stop();
        }
        return 0;
    }

    /** Runs one xmodal command as the command line would (its exit status is printed when not 0). */
    private void dispatch(String name, List<Object> args, Workbench workbench, Console console, Map<String, String> host) {
        List<String> argv = new ArrayList<>();
        argv.add(name);
        args.forEach(a -> argv.add(String.valueOf(a)));
        if (name.equals("study") && argv.size() > 1 && argv.get(1).equals("status")) {
            studyStatus(argv.subList(2, argv.size()), console);
            return;
        }
        CommandLine cli = Cli.create();
        cli.setOut(new PrintWriter(console.out(), true));
        cli.setErr(new PrintWriter(console.err(), true));
        int status;
        try {
            ParseResult parsed = cli.parseArgs(argv.toArray(String[]::new));
            if (CommandLine.executeHelpRequest(parsed) != null) {
                return;
            }
            EngineCommand command = (EngineCommand) parsed.subcommand().commandSpec().userObject();
            String problem = command.precheck();
            if (problem != null) {
                console.err().println(name + ": " + problem);
                status = 2;
            } else {
                if (command instanceof FrameworkAware aware) {
                    aware.attach(context, dist, dropins);
                }
                // every feature was installed when the shell started: a descriptor's requires.features must be among them
                if (command.descriptorFile() != null && context != null && dist != null) {
                    java.util.Optional<FeatureRequest> request = FeatureRequest.read(command.descriptorFile(), command.descriptorOverrides());
                    if (request.isPresent()) {
                        FeatureSelection.checkRunning(request.get(), dist, context);
                    }
                }
                status = command.execute(workbench, console, host);
            }
        } catch (ParameterException e) {
            console.err().println(name + ": " + e.getMessage());
            status = 2;
        } catch (DescriptorException e) {
            if (e.problems().isEmpty()) {
                console.err().println(e.getMessage());
            }
            e.problems().forEach(console::problem);
            status = 2;
        } catch (IOException | RuntimeException | LinkageError e) {
            console.error(e);
            status = 1;
        }
        if (status != 0) {
            console.err().println(name + ": exit status " + status);
        }
    }

    /** {@code study status DIR}: the study directory's study.json (runs, status, best so far). */
    private static void studyStatus(List<String> args, Console console) {
        if (args.size() != 1) {
            console.err().println("study status: give the study directory, e.g. study status studies/face-to-voice");
            console.err().println("study: exit status 2");
            return;
        }
        try {
            console.line(StudyStatus.text(Path.of(args.get(0))));
        } catch (StudyStatus.StatusException e) {
            console.err().println("study status: " + e.getMessage());
            console.err().println("study: exit status 2");
        }
    }

    /** A terminal on both ends (and not switched off with -Dxmodal.shell.plain=true): line editing and history. */
    private boolean interactive() {
        return in == System.in && System.console() != null && !Boolean.getBoolean("xmodal.shell.plain");
    }

    /** Where the shell's lines come from. */
    interface LineSource extends AutoCloseable {
        /** The next line, after showing the prompt; null at the end of input. */
        String next() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** A pipe or file (scripts, tests): lines as they come, the prompt printed before each. */
    private static final class PlainSource implements LineSource {
        private final BufferedReader reader;
        private final PrintStream out;

        PlainSource(InputStream in, PrintStream out) {
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.out = out;
        }

        @Override
        public String next() throws IOException {
            out.print(PROMPT);
            out.flush();
            return reader.readLine();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /**
     * A terminal: JLine 3 with Gogo's own parser (quotes, closures and pipes span lines as Gogo reads them)
     * and highlighter, completion of the command names, and a history kept in ~/.xmodal/shell-history
     * (Ctrl-R searches it). Ctrl-C drops the line being typed; Ctrl-D on an empty line ends the shell.
     */
    static final class JLineSource implements LineSource {
        private final Terminal terminal;
        private final LineReader reader;

        JLineSource(CommandSession session, PrintStream out) throws IOException {
            this(session, systemTerminal(out), historyFile());
        }

        private static Terminal systemTerminal(PrintStream out) throws IOException {
            out.flush();
            return TerminalBuilder.builder().system(true).name("xmodal").build();
        }

        /**
         * @param terminal the system terminal (or, in tests, one over streams)
         * @param history  where the history is kept, or null for memory only
         */
        JLineSource(CommandSession session, Terminal terminal, Path history) {
            this.terminal = terminal;
            List<String> names = new ArrayList<>(COMMANDS);
            names.addAll(List.of("lb", "headers", "inspect", "install", "start", "stop", "update", "uninstall", "refresh",
                    "resolve", "exit"));
            LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("xmodal")
                    .parser(new org.apache.felix.gogo.jline.Parser())
                    .highlighter(new org.apache.felix.gogo.jline.Highlighter(session))
                    .completer(new org.jline.reader.impl.completer.AggregateCompleter(
                            new org.jline.reader.impl.completer.StringsCompleter(names),
                            new org.jline.builtins.Completers.FileNameCompleter()));
            if (history != null) {
                builder.variable(LineReader.HISTORY_FILE, history);
            }
            this.reader = builder.build();
        }

        private static Path historyFile() {
            try {
                return Files.createDirectories(Path.of(System.getProperty("user.home"), ".xmodal")).resolve("shell-history");
            } catch (IOException | RuntimeException e) {
                return null; // history stays in memory
            }
        }

        @Override
        public String next() {
            while (true) {
                try {
                    return reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    // Ctrl-C: a new prompt
                } catch (EndOfFileException e) {
                    return null;
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                reader.getHistory().save();
            } finally {
                terminal.close();
            }
        }
    }
}
